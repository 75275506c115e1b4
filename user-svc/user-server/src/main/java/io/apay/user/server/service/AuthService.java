package io.apay.user.server.service;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import io.apay.common.core.error.ErrorCode;
import io.apay.common.core.error.ServiceException;
import io.apay.common.web.oplog.OperationLog;
import io.apay.sms.api.PhoneNumbers;
import io.apay.sms.api.SmsApi;
import io.apay.sms.api.SmsPurpose;
import io.apay.sms.api.dto.VerifyCodeRequest;
import io.apay.user.api.LoginTokens;
import io.apay.user.api.UserErrorCodes;
import io.apay.user.server.controller.app.vo.LoginResult;
import io.apay.user.server.controller.app.vo.PasswordLoginRequest;
import io.apay.user.server.controller.app.vo.RegisterRequest;
import io.apay.user.server.controller.app.vo.SmsLoginRequest;
import io.apay.user.server.dal.dataobject.AppUserDO;
import io.apay.user.server.dal.mapper.AppUserMapper;
import io.apay.user.server.dal.redis.LoginTokenStore;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Registration and login. Failed logins are counted per account; the {@code max-failed-logins}-th locks it for
 * {@code lock-duration}. A wrong two-factor code counts as a failed login. An unknown phone is answered exactly
 * like a wrong password.
 */
@Service
public class AuthService {

    private final AppUserMapper users;
    private final PasswordEncoder passwords;
    private final LoginTokenStore tokens;
    private final SmsApi sms;
    private final TotpService totp;
    private final Clock clock;
    private final int maxFailedLogins;
    private final Duration lockDuration;
    /** Compared against when the phone is unknown, so both cases take the same time. */
    private final String dummyHash;

    public AuthService(AppUserMapper users, PasswordEncoder passwords, LoginTokenStore tokens, SmsApi sms,
                       TotpService totp, Clock clock,
                       @Value("${apay.user.max-failed-logins:5}") int maxFailedLogins,
                       @Value("${apay.user.lock-duration:15m}") Duration lockDuration) {
        this.users = users;
        this.passwords = passwords;
        this.tokens = tokens;
        this.sms = sms;
        this.totp = totp;
        this.clock = clock;
        this.maxFailedLogins = maxFailedLogins;
        this.lockDuration = lockDuration;
        this.dummyHash = passwords.encode("not-a-real-password-1");
    }

    @OperationLog("user.register")
    public LoginResult register(RegisterRequest r) {
        String phone = PhoneNumbers.normalize(r.phone());
        PasswordPolicy.check(r.password());
        if (findByPhone(phone) != null) {
            throw new ServiceException(UserErrorCodes.PHONE_ALREADY_REGISTERED);
        }
        sms.verify(new VerifyCodeRequest(phone, SmsPurpose.REGISTER, r.smsCode()));
        AppUserDO user = new AppUserDO();
        user.setPhone(phone);
        user.setPasswordHash(passwords.encode(r.password()));
        user.setStatus(AppUserDO.ACTIVE);
        user.setFailedLogins(0);
        user.setTotpEnabled(false);
        user.setCreatedAt(now());
        user.setUpdatedAt(now());
        try {
            users.insert(user);
        } catch (DuplicateKeyException e) {
            throw new ServiceException(UserErrorCodes.PHONE_ALREADY_REGISTERED);
        }
        return issue(user.getId(), r.deviceId(), r.deviceName());
    }

    @OperationLog("user.login.password")
    public LoginResult loginByPassword(PasswordLoginRequest r) {
        AppUserDO user = findByPhone(PhoneNumbers.normalize(r.phone()));
        if (user == null) {
            passwords.matches(r.password(), dummyHash);
            throw new ServiceException(UserErrorCodes.BAD_CREDENTIALS);
        }
        checkCanLogIn(user);
        if (!passwords.matches(r.password(), user.getPasswordHash())) {
            throw failedLogin(user, UserErrorCodes.BAD_CREDENTIALS);
        }
        checkSecondFactor(user, r.totpCode());
        return issue(user.getId(), r.deviceId(), r.deviceName());
    }

    @OperationLog("user.login.sms")
    public LoginResult loginBySms(SmsLoginRequest r) {
        String phone = PhoneNumbers.normalize(r.phone());
        AppUserDO user = findByPhone(phone);
        if (user == null) {
            throw new ServiceException(UserErrorCodes.BAD_CREDENTIALS);
        }
        checkCanLogIn(user);
        sms.verify(new VerifyCodeRequest(phone, SmsPurpose.LOGIN, r.smsCode()));
        checkSecondFactor(user, r.totpCode());
        return issue(user.getId(), r.deviceId(), r.deviceName());
    }

    private void checkCanLogIn(AppUserDO user) {
        if (user.getLockedUntil() != null && user.getLockedUntil().isAfter(now())) {
            throw new ServiceException(UserErrorCodes.ACCOUNT_LOCKED);
        }
        if (AppUserDO.FROZEN.equals(user.getStatus())) {
            throw new ServiceException(UserErrorCodes.ACCOUNT_FROZEN);
        }
    }

    private void checkSecondFactor(AppUserDO user, String totpCode) {
        if (Boolean.TRUE.equals(user.getTotpEnabled())) {
            if (totpCode == null) {
                throw new ServiceException(UserErrorCodes.TOTP_REQUIRED);
            }
            try {
                totp.verify(user, totpCode);
            } catch (ServiceException e) {
                // a failed login either way; a locked second factor is said as such (unless the account locks now)
                throw failedLogin(user, e.code() == UserErrorCodes.TOTP_LOCKED.code() ? e : new ServiceException(UserErrorCodes.TOTP_INVALID));
            }
        }
        users.resetFailedLogins(user.getId(), now());
    }

    private ServiceException failedLogin(AppUserDO user, ErrorCode error) {
        return failedLogin(user, new ServiceException(error));
    }

    private ServiceException failedLogin(AppUserDO user, ServiceException error) {
        users.recordFailedLogin(user.getId(), maxFailedLogins, now().plus(lockDuration), now());
        AppUserDO after = users.selectById(user.getId());
        boolean nowLocked = after.getLockedUntil() != null && after.getLockedUntil().isAfter(now());
        return nowLocked ? new ServiceException(UserErrorCodes.ACCOUNT_LOCKED) : error;
    }

    private LoginResult issue(long userId, String deviceId, String deviceName) {
        String token = tokens.issue(userId, deviceId, deviceName == null || deviceName.isBlank() ? deviceId : deviceName);
        return new LoginResult(userId, token, clock.instant().plus(LoginTokens.TTL));
    }

    private AppUserDO findByPhone(String phone) {
        return users.selectOne(new LambdaQueryWrapper<AppUserDO>().eq(AppUserDO::getPhone, phone));
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }
}
