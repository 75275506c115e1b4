package io.apay.merchant.controller.rpc;

import java.time.Instant;
import java.util.List;

/**
 * What the gateway needs to check a merchant request: whether the merchant may call at all, from where, and the
 * public keys its signatures verify with. Answered at {@code GET /rpc-api/merchant/merchants/{merchantNo}/credentials}.
 */
public record MerchantCredentials(String merchantNo, boolean active, List<String> ipWhitelist, List<Key> publicKeys) {

    public record Key(String fingerprint, String publicKeyPem, Instant validUntil) {
    }
}
