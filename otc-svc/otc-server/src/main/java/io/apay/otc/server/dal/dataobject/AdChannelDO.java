package io.apay.otc.server.dal.dataobject;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import lombok.Data;

@Data
@TableName("ad_channel")
public class AdChannelDO {
    @TableId(type = IdType.AUTO)
    private Long id;
    private Long adId;
    private String channel;
    private String payeeName;
    private String payeeAccount;
    private String bankName;
    private String qrKey;
}
