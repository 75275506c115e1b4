package io.apay.user.api.dto;

import java.time.Instant;
import java.util.List;

/**
 * What the gateway needs to verify an app's signature: every secret valid now (more than one during a rotation's
 * grace period), each encrypted with SecretCipher under {@link #cipherContext(long)}.
 */
public record AppClientCredentials(String keyId, boolean enabled, List<Secret> secrets) {

    public record Secret(long secretId, String encryptedSecret, Instant validUntil) {
    }

    public static String cipherContext(long secretId) {
        return "app_client_secret:" + secretId;
    }
}
