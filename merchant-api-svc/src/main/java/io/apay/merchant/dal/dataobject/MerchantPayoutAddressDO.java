package io.apay.merchant.dal.dataobject;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDateTime;
import lombok.Data;

/** An address on a merchant's payout-address whitelist, for one network. */
@Data
@TableName("merchant_payout_address")
public class MerchantPayoutAddressDO {
    @TableId(type = IdType.AUTO)
    private Long id;
    private Long merchantId;
    private String network;
    private String address;
    /** What is compared: see {@link io.apay.merchant.service.payout.PayoutAddresses#key}. */
    private String addressKey;
    private LocalDateTime createdAt;
}
