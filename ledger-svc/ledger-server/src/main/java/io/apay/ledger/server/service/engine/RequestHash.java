package io.apay.ledger.server.service.engine;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The fingerprint of a mutating request, stored with its transaction: a repeat of the key with the same
 * fingerprint is the same request, with another one it is a conflict. Amounts count by value ("1.50" = "1.5").
 */
public final class RequestHash {

    private final StringBuilder text = new StringBuilder(128);

    private RequestHash(String operation) {
        text.append(operation);
    }

    public static RequestHash of(String operation) {
        return new RequestHash(operation);
    }

    public RequestHash add(Object part) {
        text.append('\u001f');
        if (part == null) {
            text.append('\u2400');
        } else if (part instanceof BigDecimal d) {
            text.append(d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString());
        } else {
            text.append(part);
        }
        return this;
    }

    public String sha256() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
