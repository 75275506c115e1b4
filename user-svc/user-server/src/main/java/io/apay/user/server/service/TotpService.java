package io.apay.user.server.service;

import dev.samstevens.totp.code.CodeGenerator;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import io.apay.common.core.crypto.SecretCipher;
import io.apay.common.core.error.ServiceException;
import io.apay.common.web.oplog.OperationLog;
import io.apay.user.api.UserErrorCodes;
import io.apay.user.server.dal.dataobject.AppUserDO;
import io.apay.user.server.dal.mapper.AppUserMapper;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.OptionalLong;
import org.springframework.stereotype.Service;

/**
 * Two-factor authentication with TOTP (RFC 6238: SHA-1, 6 digits, 30 s steps, as Google Authenticator and the
 * like expect). A code is accepted for the current step or one step either side (clock drift), and each accepted
 * step is remembered, so the same code never works twice. Seeds are stored encrypted.
 */
@Service
public class TotpService {

    static final int DIGITS = 6;
    static final int PERIOD_SECONDS = 30;
    static final String ISSUER = "apay";

    private final AppUserMapper users;
    private final SecretCipher cipher;
    private final Clock clock;
    private final CodeGenerator generator = new DefaultCodeGenerator(HashingAlgorithm.SHA1, DIGITS);

    /** What an app shows to bind an authenticator: the seed, the otpauth URI and the URI as a QR code. */
    public record Binding(String secret, String otpauthUri, String qrPngBase64) {
    }

    public TotpService(AppUserMapper users, SecretCipher cipher, Clock clock) {
        this.users = users;
        this.cipher = cipher;
        this.clock = clock;
    }

    @OperationLog("user.totp.bind")
    public Binding bind(long userId) {
        AppUserDO user = user(userId);
        if (Boolean.TRUE.equals(user.getTotpEnabled())) {
            throw new ServiceException(UserErrorCodes.TOTP_ALREADY_ENABLED);
        }
        String secret = new DefaultSecretGenerator(32).generate();
        if (users.setPendingTotp(userId, cipher.encrypt(secret, context(userId)), now()) != 1) {
            throw new ServiceException(UserErrorCodes.TOTP_ALREADY_ENABLED);
        }
        QrData data = new QrData.Builder().label(user.getPhone()).secret(secret).issuer(ISSUER)
                .algorithm(HashingAlgorithm.SHA1).digits(DIGITS).period(PERIOD_SECONDS).build();
        try {
            byte[] png = new ZxingPngQrGenerator().generate(data);
            return new Binding(secret, data.getUri(), Base64.getEncoder().encodeToString(png));
        } catch (QrGenerationException e) {
            throw new IllegalStateException("QR code generation failed", e);
        }
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
        long step = matchingStep(secret, code).orElseThrow(() -> new ServiceException(UserErrorCodes.TOTP_INVALID));
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
        long step = matchingStep(secret, code).orElseThrow(() -> new ServiceException(UserErrorCodes.TOTP_INVALID));
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

    /** The time step whose code equals {@code code}: the current one, or one either side. */
    OptionalLong matchingStep(String secret, String code) {
        if (code == null || !code.matches("\\d{" + DIGITS + "}")) {
            return OptionalLong.empty();
        }
        long current = clock.millis() / 1000 / PERIOD_SECONDS;
        for (long step = current - 1; step <= current + 1; step++) {
            try {
                String expected = generator.generate(secret, step);
                if (MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), code.getBytes(StandardCharsets.US_ASCII))) {
                    return OptionalLong.of(step);
                }
            } catch (CodeGenerationException e) {
                throw new IllegalStateException("TOTP generation failed", e);
            }
        }
        return OptionalLong.empty();
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
