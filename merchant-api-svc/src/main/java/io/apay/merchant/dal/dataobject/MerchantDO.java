package io.apay.merchant.dal.dataobject;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDateTime;
import lombok.Data;

@Data
@TableName("merchant")
public class MerchantDO {
    public static final String ACTIVE = "ACTIVE";
    public static final String SUSPENDED = "SUSPENDED";

    @TableId(type = IdType.AUTO)
    private Long id;
    private String merchantNo;
    private String name;
    private String status;
    private String ipWhitelist;
    private LocalDateTime createdAt;
    private LocalDateTime updatedAt;
}
