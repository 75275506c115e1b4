package io.apay.merchant.dal.dataobject;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import lombok.Data;

/** A merchant's payout: REQUESTING (the intent), then the wallet's status, or REFUSED. */
@Data
@TableName("merchant_payout")
public class MerchantPayoutDO {
    /** Stored before the wallet is called; left so while the wallet's answer is unknown. */
    public static final String REQUESTING = "REQUESTING";
    /** The wallet refused the request (its code is kept): nothing was held. */
    public static final String REFUSED = "REFUSED";

    @TableId(type = IdType.AUTO)
    private Long id;
    private String merchantNo;
    private String payoutNo;
    private String network;
    private String coin;
    private String toAddress;
    private BigDecimal amount;
    private String notifyUrl;
    private String status;
    private String withdrawalNo;
    private BigDecimal fee;
    private String txHash;
    private String failureReason;
    private Integer refusalCode;
    private Integer refusalStatus;
    private String refusalMessage;
    private LocalDateTime attemptedAt;
    private LocalDateTime createdAt;
    private LocalDateTime updatedAt;
    private LocalDateTime finishedAt;
}
