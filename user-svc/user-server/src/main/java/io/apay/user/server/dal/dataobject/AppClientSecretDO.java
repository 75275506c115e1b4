package io.apay.user.server.dal.dataobject;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDateTime;
import lombok.Data;

@Data
@TableName("app_client_secret")
public class AppClientSecretDO {
    @TableId(type = IdType.AUTO)
    private Long id;
    private Long clientId;
    private String secretEnc;
    private LocalDateTime validUntil;
    private LocalDateTime createdAt;
}
