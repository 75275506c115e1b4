package io.apay.user.server.service;

import io.apay.common.core.crypto.SecretCipher;
import io.apay.common.core.error.ServiceException;
import io.apay.common.web.oplog.OperationLog;
import io.apay.user.api.UserErrorCodes;
import io.apay.user.server.dal.dataobject.AppUserDO;
import io.apay.user.server.dal.mapper.AppUserMapper;
import io.apay.user.server.dal.redis.TotpFailureStore;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * App users' two-factor authentication (codes: {@link TotpCodes}). Each accepted time step is remembered, so the
 * same code never works twice. Seeds are stored encrypted.
 * <p>
 * A 6-digit code can be guessed given enough tries, and a stolen session could try through every endpoint that
 * takes one (verify, unbind, login, wallet-svc's withdrawals and transfers). So wrong codes are counted per user
 * across all of them: {@code max-failures} (5) within {@code failure-window} (15 min) lock two-factor for
 * {@code lock-duration} (15 min), during which every code is refused ({@link UserErrorCodes#TOTP_LOCKED}), a
 * right one too. A right code starts the count again.
 */
@Service
public class TotpService {

    private final AppUserMapper users;
    private final SecretCipher cipher;
    private final TotpCodes codes;
    private final TotpFailureStore failures;
    private final Clock clock;
    private final int maxFailures;
    private final Duration failureWindow;
    private final Duration lockDuration;

    public TotpService(AppUserMapper users, SecretCipher cipher, TotpCodes codes, TotpFailureStore failures, Clock clock,
                       @Value("${apay.user.totp.max-failures:5}") int maxFailures,
                       @Value("${apay.user.totp.failure-window:15m}") Duration failureWindow,
                       @Value("${apay.user.totp.lock-duration:15m}") Duration lockDuration) {
        if (maxFailures < 1 || failureWindow.toMillis() < 1 || lockDuration.toMillis() < 1) {
            throw new IllegalArgumentException("apay.user.totp: max-failures, failure-window and lock-duration must be positive");
        }
        this.users = users;
        this.cipher = cipher;
        this.codes = codes;
        this.failures = failures;
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.failureWindow = failureWindow;
        this.lockDuration = lockDuration;
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
        failures.clear(userId); // a new seed: wrong codes against the old one no longer count
    }

    /** Checks and consumes a code of a user with two-factor on. */
    public void verify(long userId, String code) {
        AppUserDO user = user(userId);
        if (!Boolean.TRUE.equals(user.getTotpEnabled())) {
            throw new ServiceException(UserErrorCodes.TOTP_NOT_ENABLED);
        }
        verify(user, code);
    }

    /**
     * Every check of an enabled user's code comes here, so every caller is counted. A code already used counts as
     * wrong too: only a code that is accepted clears the count. Refused while locked without looking at the code.
     */
    void verify(AppUserDO user, String code) {
        TotpFailureStore.Attempt attempt = failures.attempt(user.getId(), maxFailures, failureWindow, lockDuration);
        if (attempt.locked()) {
            throw locked(attempt.lockedFor());
        }
        String secret = cipher.decrypt(user.getTotpSecretEnc(), context(user.getId()));
        long step = codes.matchingStep(secret, code).orElse(-1);
        // useTotpStep: this (or a later) step must not have been used already
        if (step >= 0 && users.useTotpStep(user.getId(), step) == 1) {
            failures.clear(user.getId());
            return;
        }
        throw attempt.number() >= maxFailures ? locked(lockDuration) : new ServiceException(UserErrorCodes.TOTP_INVALID);
    }

    private static ServiceException locked(Duration left) {
        long seconds = Math.max(1, (left.toMillis() + 999) / 1000);
        return new ServiceException(UserErrorCodes.TOTP_LOCKED,
                "too many wrong two-factor codes: two-factor is locked, try again in " + seconds + " s");
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
