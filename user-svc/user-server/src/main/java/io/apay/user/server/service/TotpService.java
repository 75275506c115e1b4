package io.apay.user.server.service;

import io.apay.common.core.crypto.SecretCipher;
import io.apay.common.core.error.ServiceException;
import io.apay.common.web.oplog.OperationLog;
import io.apay.user.api.UserErrorCodes;
import io.apay.user.server.dal.dataobject.AppUserDO;
import io.apay.user.server.dal.mapper.AppUserMapper;
import java.time.Clock;
import java.time.LocalDateTime;
import org.springframework.stereotype.Service;

/**
 * App users' two-factor authentication (codes: {@link TotpCodes}). Each accepted time step is remembered, so the
 * same code never works twice. Seeds are stored encrypted.
 */
@Service
public class TotpService {

    private final AppUserMapper users;
    private final SecretCipher cipher;
    private final TotpCodes codes;
    private final Clock clock;

    public TotpService(AppUserMapper users, SecretCipher cipher, TotpCodes codes, Clock clock) {
        this.users = users;
        this.cipher = cipher;
        this.codes = codes;
        this.clock = clock;
    }

    @OperationLog("user.totp.bind")
    public TotpCodes.Binding bind(long userId) {
        AppUserDO user = user(userId);
        if (Boolean.TRUE.equals(user.getTotpEnabled())) {
            throw new ServiceException(UserErrorCodes.TOTP_ALREADY_ENABLED);
        }
        String secret = codes.newSecret();
        if (users.setPendingTotp(userId, cipher.encrypt(secret, context(userId)), now()) != 1) {
            throw new ServiceException(UserErrorCodes.TOTP_ALREADY_ENABLED);
        }
        return codes.binding(user.getPhone(), secret);
    }

    /** Turns two-factor on once the user proves the authenticator works. */
    @OperationLog("user.totp.confirm")
    public void confirm(long userId, String code) {
        AppUserDO user = user(userId);
        if (Boolean.TRUE.equals(user.getTotpEnabled())) {
            throw new ServiceException(UserErrorCodes.TOTP_ALREADY_ENABLED);
        }
        if (user.getTotpPendingSecretEnc() == null) {
            throw new ServiceException(UserErrorCodes.TOTP_NOT_BOUND);
        }
        String secret = cipher.decrypt(user.getTotpPendingSecretEnc(), context(userId));
        long step = codes.matchingStep(secret, code).orElseThrow(() -> new ServiceException(UserErrorCodes.TOTP_INVALID));
        if (users.enableTotp(userId, user.getTotpPendingSecretEnc(), step, now()) != 1) {
            throw new ServiceException(UserErrorCodes.TOTP_NOT_BOUND);
        }
    }

    /** Checks and consumes a code of a user with two-factor on. */
    public void verify(long userId, String code) {
        AppUserDO user = user(userId);
        if (!Boolean.TRUE.equals(user.getTotpEnabled())) {
            throw new ServiceException(UserErrorCodes.TOTP_NOT_ENABLED);
        }
        verify(user, code);
    }

    void verify(AppUserDO user, String code) {
        String secret = cipher.decrypt(user.getTotpSecretEnc(), context(user.getId()));
        long step = codes.matchingStep(secret, code).orElseThrow(() -> new ServiceException(UserErrorCodes.TOTP_INVALID));
        if (users.useTotpStep(user.getId(), step) != 1) {
            throw new ServiceException(UserErrorCodes.TOTP_INVALID); // this (or a later) code was already used
        }
    }

    /** Turns two-factor off; needs a current code. */
    @OperationLog("user.totp.unbind")
    public void unbind(long userId, String code) {
        verify(userId, code);
        if (users.disableTotp(userId, now()) != 1) {
            throw new ServiceException(UserErrorCodes.TOTP_NOT_ENABLED);
        }
    }

    private AppUserDO user(long userId) {
        AppUserDO user = users.selectById(userId);
        if (user == null) {
            throw new ServiceException(UserErrorCodes.USER_NOT_FOUND);
        }
        return user;
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }

    private static String context(long userId) {
        return "totp:" + userId;
    }
}
