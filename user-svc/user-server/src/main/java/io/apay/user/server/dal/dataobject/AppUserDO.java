package io.apay.user.server.dal.dataobject;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDateTime;
import lombok.Data;

@Data
@TableName("app_user")
public class AppUserDO {
    public static final String ACTIVE = "ACTIVE";
    public static final String FROZEN = "FROZEN";

    @TableId(type = IdType.AUTO)
    private Long id;
    private String phone;
    private String passwordHash;
    private String nickname;
    private String status;
    private Integer failedLogins;
    private LocalDateTime lockedUntil;
    private Boolean totpEnabled;
    private String totpSecretEnc;
    private String totpPendingSecretEnc;
    private Long totpLastStep;
    private LocalDateTime createdAt;
    private LocalDateTime updatedAt;
}
