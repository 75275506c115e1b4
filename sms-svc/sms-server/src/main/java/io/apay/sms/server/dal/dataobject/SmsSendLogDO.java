package io.apay.sms.server.dal.dataobject;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDateTime;
import lombok.Data;

@Data
@TableName("sms_send_log")
public class SmsSendLogDO {
    @TableId(type = IdType.AUTO)
    private Long id;
    private String phone;
    private String purpose;
    private String provider;
    private String outcome;
    private String clientIp;
    private String traceId;
    private LocalDateTime createdAt;
}
