package io.apay.user.server.dal.dataobject;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDateTime;
import lombok.Data;

@Data
@TableName("operator")
public class OperatorDO {
    public static final String PENDING_ACTIVATION = "PENDING_ACTIVATION";
    public static final String ACTIVE = "ACTIVE";
    public static final String DISABLED = "DISABLED";

    @TableId(type = IdType.AUTO)
    private Long id;
    private String username;
    private String displayName;
    private String roles;
    private String status;
    private String passwordHash;
    private String totpSecretEnc;
    private String totpPendingSecretEnc;
    private Long totpLastStep;
    private String activationCodeHash;
    private LocalDateTime activationExpiresAt;
    private Integer failedLogins;
    private LocalDateTime lockedUntil;
    private LocalDateTime lastLoginAt;
    private Long createdBy;
    private LocalDateTime createdAt;
    private LocalDateTime updatedAt;
}
