package io.apay.wallet.server.service;

import io.apay.ledger.api.dto.OwnerRef;
import io.apay.ledger.api.enums.OwnerType;

/** The wallet's name for an owner, {@code USER:<userId>} or {@code MERCHANT:<merchantNo>}, and the ledger's. */
public final class OwnerRefs {

    private OwnerRefs() {
    }

    public static String user(long userId) {
        return OwnerType.USER.name() + ":" + userId;
    }

    public static String merchant(String merchantNo) {
        return OwnerType.MERCHANT.name() + ":" + merchantNo;
    }

    public static boolean isMerchant(String ownerRef) {
        return ownerRef.startsWith(OwnerType.MERCHANT.name() + ":");
    }

    /** The ledger owner (ownerId = userId or merchantNo, as otc settlement names merchants). */
    public static OwnerRef toLedger(String ownerRef) {
        int colon = ownerRef.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not an owner ref: " + ownerRef);
        }
        return OwnerRef.of(OwnerType.valueOf(ownerRef.substring(0, colon)), ownerRef.substring(colon + 1));
    }
}
