package io.apay.otc.server.dal.dataobject;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import lombok.Data;

@Data
@TableName("payment_report")
public class PaymentReportDO {
    public static final String MATCHED = "MATCHED";
    public static final String UNMATCHED = "UNMATCHED";
    public static final String REVIEWED = "REVIEWED";

    @TableId(type = IdType.AUTO)
    private Long id;
    private String reportId;
    private Long acceptorId;
    private String deviceId;
    private String notificationId;
    private String channel;
    private String fiatCurrency;
    private BigDecimal amount;
    private String payerRemark;
    private LocalDateTime paidAt;
    private String status;
    private String unmatchedReason;
    private Long orderId;
    private String reviewNote;
    private Long reviewedBy;
    private LocalDateTime createdAt;
}
