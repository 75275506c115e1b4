package io.apay.chainbridge.server.dal.dataobject;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDateTime;
import lombok.Data;

@Data
@TableName("deposit_address")
public class DepositAddressDO {
    @TableId(type = IdType.AUTO)
    private Long id;
    private String network;
    private Integer addressIndex;
    private String ownerRef;
    private String address;
    private LocalDateTime createdAt;
}
