package io.apay.user.server.service.admin;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import com.baomidou.mybatisplus.extension.plugins.pagination.Page;
import io.apay.common.core.error.ServiceException;
import io.apay.common.core.result.PageParam;
import io.apay.common.core.result.PageResult;
import io.apay.common.web.oplog.OperationLog;
import io.apay.common.web.oplog.OperationLogContext;
import io.apay.user.api.UserErrorCodes;
import io.apay.user.server.controller.admin.vo.UserView;
import io.apay.user.server.dal.dataobject.AppUserDO;
import io.apay.user.server.dal.mapper.AppUserMapper;
import io.apay.user.server.dal.redis.LoginTokenStore;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.springframework.stereotype.Service;

/** What operators do to app users: look them up, freeze and unfreeze them, reset their two-factor. */
@Service
public class UserAdminService {

    private final AppUserMapper users;
    private final LoginTokenStore tokens;
    private final Clock clock;

    public UserAdminService(AppUserMapper users, LoginTokenStore tokens, Clock clock) {
        this.users = users;
        this.tokens = tokens;
        this.clock = clock;
    }

    public UserView get(long userId) {
        return view(existing(userId));
    }

    public PageResult<UserView> list(String phone, PageParam page) {
        LambdaQueryWrapper<AppUserDO> where = new LambdaQueryWrapper<AppUserDO>()
                .likeRight(phone != null && !phone.isBlank(), AppUserDO::getPhone, phone).orderByDesc(AppUserDO::getId);
        Page<AppUserDO> result = users.selectPage(new Page<>(page.page(), page.size()), where);
        return new PageResult<>(result.getRecords().stream().map(this::view).toList(), result.getTotal());
    }

    /** Frozen: no login, and every session ends now. */
    @OperationLog(value = "user.admin.freeze", reasonRequired = true)
    public UserView freeze(long userId, String reason) {
        UserView before = get(userId);
        setStatus(userId, AppUserDO.ACTIVE, AppUserDO.FROZEN);
        tokens.revokeAll(userId);
        UserView after = get(userId);
        OperationLogContext.recordChange(before, after);
        return after;
    }

    @OperationLog(value = "user.admin.unfreeze", reasonRequired = true)
    public UserView unfreeze(long userId, String reason) {
        UserView before = get(userId);
        setStatus(userId, AppUserDO.FROZEN, AppUserDO.ACTIVE);
        UserView after = get(userId);
        OperationLogContext.recordChange(before, after);
        return after;
    }

    /** After the user's identity was checked out of band (the reason says how): two-factor off, sessions ended. */
    @OperationLog(value = "user.admin.reset-two-factor", reasonRequired = true)
    public UserView resetTwoFactor(long userId, String reason) {
        UserView before = get(userId);
        if (users.disableTotp(userId, LocalDateTime.now(clock)) != 1) {
            throw new ServiceException(UserErrorCodes.TOTP_NOT_ENABLED);
        }
        tokens.revokeAll(userId);
        UserView after = get(userId);
        OperationLogContext.recordChange(before, after);
        return after;
    }

    private void setStatus(long userId, String from, String to) {
        existing(userId);
        AppUserDO change = new AppUserDO();
        change.setStatus(to);
        change.setUpdatedAt(LocalDateTime.now(clock));
        int updated = users.update(change, new LambdaQueryWrapper<AppUserDO>().eq(AppUserDO::getId, userId).eq(AppUserDO::getStatus, from));
        if (updated != 1) {
            throw new ServiceException(UserErrorCodes.ACCOUNT_ALREADY_IN_STATE);
        }
    }

    private AppUserDO existing(long userId) {
        AppUserDO u = users.selectById(userId);
        if (u == null) {
            throw new ServiceException(UserErrorCodes.USER_NOT_FOUND);
        }
        return u;
    }

    private UserView view(AppUserDO u) {
        return new UserView(u.getId(), u.getPhone(), u.getNickname(), u.getStatus(), Boolean.TRUE.equals(u.getTotpEnabled()),
                u.getFailedLogins(), u.getLockedUntil() == null ? null : u.getLockedUntil().toInstant(ZoneOffset.UTC),
                u.getCreatedAt().toInstant(ZoneOffset.UTC));
    }
}
