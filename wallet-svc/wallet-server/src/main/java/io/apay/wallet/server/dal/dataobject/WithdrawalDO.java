package io.apay.wallet.server.dal.dataobject;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import lombok.Data;

@Data
@TableName("wallet_withdrawal")
public class WithdrawalDO {

    @TableId(type = IdType.AUTO)
    private Long id;
    private String withdrawalNo;
    private String ownerRef;
    private String clientRef;
    private String network;
    private String coin;
    private String toAddress;
    private BigDecimal amount;
    private BigDecimal fee;
    private String status;
    private String ending;
    private Boolean needsReview;
    private Long holdId;
    private String txHash;
    private Integer failureCode;
    private String failureReason;
    private String requestHash;
    private Long reviewedBy;
    private String reviewReason;
    private LocalDateTime reviewedAt;
    private LocalDateTime attemptedAt;
    private LocalDateTime createdAt;
    private LocalDateTime updatedAt;
}
