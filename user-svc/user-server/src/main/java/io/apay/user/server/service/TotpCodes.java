package io.apay.user.server.service;

import dev.samstevens.totp.code.CodeGenerator;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;

/**
 * TOTP (RFC 6238: SHA-1, 6 digits, 30 s steps, what Google Authenticator and the like expect), for app users and
 * operators alike: new seeds, what an authenticator needs to bind one, and which time step a code belongs to.
 * A code is accepted for the current step or one step either side (clock drift); callers remember the accepted
 * step so the same code never works twice.
 */
@Component
public class TotpCodes {

    static final int DIGITS = 6;
    static final int PERIOD_SECONDS = 30;
    static final String ISSUER = "apay";

    private final Clock clock;
    private final CodeGenerator generator = new DefaultCodeGenerator(HashingAlgorithm.SHA1, DIGITS);

    /** What an app shows to bind an authenticator: the seed, the otpauth URI and the URI as a QR code. */
    public record Binding(String secret, String otpauthUri, String qrPngBase64) {
    }

    public TotpCodes(Clock clock) {
        this.clock = clock;
    }

    public String newSecret() {
        return new DefaultSecretGenerator(32).generate();
    }

    public Binding binding(String label, String secret) {
        QrData data = new QrData.Builder().label(label).secret(secret).issuer(ISSUER)
                .algorithm(HashingAlgorithm.SHA1).digits(DIGITS).period(PERIOD_SECONDS).build();
        try {
            return new Binding(secret, data.getUri(), Base64.getEncoder().encodeToString(new ZxingPngQrGenerator().generate(data)));
        } catch (QrGenerationException e) {
            throw new IllegalStateException("QR code generation failed", e);
        }
    }

    /** The time step whose code equals {@code code}: the current one, or one either side. */
    public OptionalLong matchingStep(String secret, String code) {
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
}
