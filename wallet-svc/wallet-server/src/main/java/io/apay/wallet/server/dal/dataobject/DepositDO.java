package io.apay.wallet.server.dal.dataobject;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import lombok.Data;

@Data
@TableName("wallet_deposit")
public class DepositDO {

    @TableId(type = IdType.AUTO)
    private Long id;
    private Long chainDepositId;
    private String network;
    private String coin;
    private String txHash;
    private Integer logIndex;
    private String address;
    private String ownerRef;
    private BigDecimal amount;
    private String status;
    private Long creditTxnId;
    private String lastError;
    private LocalDateTime attemptedAt;
    private LocalDateTime createdAt;
    private LocalDateTime updatedAt;
}
