package io.apay.user.server.dal.dataobject;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDateTime;
import lombok.Data;

@Data
@TableName("app_client")
public class AppClientDO {
    @TableId(type = IdType.AUTO)
    private Long id;
    private String keyId;
    private String name;
    private Boolean enabled;
    private LocalDateTime createdAt;
}
