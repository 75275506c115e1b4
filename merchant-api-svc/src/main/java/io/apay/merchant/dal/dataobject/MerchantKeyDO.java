package io.apay.merchant.dal.dataobject;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDateTime;
import lombok.Data;

@Data
@TableName("merchant_key")
public class MerchantKeyDO {
    @TableId(type = IdType.AUTO)
    private Long id;
    private Long merchantId;
    private String publicKeyPem;
    private String fingerprint;
    private LocalDateTime validUntil;
    private LocalDateTime createdAt;
}
