package io.apay.push.server.dal.dataobject;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import lombok.Data;

/** A payment a monitor reported, once per (device, notification). Times are UTC. */
@Data
@TableName("payment_report")
public class PaymentReportDO {
    @TableId(type = IdType.AUTO)
    private Long id;
    private String reportId;
    private Long acceptorId;
    private String deviceId;
    private String notificationId;
    private String channel;
    private BigDecimal amount;
    private String currency;
    private String payerRemark;
    private LocalDateTime paidAt;
    private LocalDateTime receivedAt;
    private Long epoch;
}
