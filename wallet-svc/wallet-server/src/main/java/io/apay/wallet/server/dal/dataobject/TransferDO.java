package io.apay.wallet.server.dal.dataobject;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import lombok.Data;

@Data
@TableName("wallet_transfer")
public class TransferDO {

    @TableId(type = IdType.AUTO)
    private Long id;
    private String transferNo;
    private Long fromUserId;
    private Long toUserId;
    private String coin;
    private BigDecimal amount;
    private String status;
    private Long txnId;
    private Integer failureCode;
    private String requestHash;
    private LocalDateTime attemptedAt;
    private LocalDateTime createdAt;
    private LocalDateTime updatedAt;
}
