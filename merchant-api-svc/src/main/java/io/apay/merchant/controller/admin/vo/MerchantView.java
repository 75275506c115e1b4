package io.apay.merchant.controller.admin.vo;

import java.time.Instant;
import java.util.List;

public record MerchantView(String merchantNo, String name, String status, List<String> ipWhitelist, List<KeyView> keys,
                           List<PayoutAddress> payoutAddresses, Instant createdAt) {

    /** A registered key, named by its fingerprint; {@code validUntil} is set while it is being rotated out. */
    public record KeyView(String fingerprint, Instant validUntil, Instant registeredAt) {
    }
}
