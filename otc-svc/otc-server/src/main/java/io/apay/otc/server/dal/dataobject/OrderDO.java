package io.apay.otc.server.dal.dataobject;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import lombok.Data;

@Data
@TableName("payment_order")
public class OrderDO {
    @TableId(type = IdType.AUTO)
    private Long id;
    private String orderNo;
    private String cashierToken;
    private String merchantNo;
    private String merchantOrderNo;
    private Long adId;
    private Long acceptorId;
    private String channel;
    private String fiatCurrency;
    private BigDecimal fiatAmount;
    private BigDecimal payableAmount;
    private String coin;
    private BigDecimal coinAmount;
    private BigDecimal rate;
    private String status;
    private String notifyUrl;
    private String returnUrl;
    private LocalDateTime expiresAt;
    private LocalDateTime paidAt;
    private LocalDateTime completedAt;
    private LocalDateTime closedAt;
    private Long paymentReportId;
    private Long settleTxnId;
    private BigDecimal merchantCoinAmount;
    private BigDecimal feeCoinAmount;
    private String appealFrom;
    private LocalDateTime settleAttemptedAt;
    private LocalDateTime createdAt;
    private LocalDateTime updatedAt;
}
