package io.apay.sms.server.dal.dataobject;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import lombok.Data;

@Data
@TableName("sms_template")
public class SmsTemplateDO {
    @TableId(type = IdType.AUTO)
    private Long id;
    private String purpose;
    private String locale;
    private String providerTemplateCode;
    private String content;
}
