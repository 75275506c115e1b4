package io.apay.ledger.api.enums;

/** Who owns an account. An acceptor's OTC coin is kept apart from its wallet (owner type USER). */
public enum OwnerType {
    USER,
    ACCEPTOR,
    MERCHANT,
    /** The platform itself; its accounts use owner id {@link io.apay.ledger.api.dto.AccountRef#PLATFORM_OWNER_ID}. */
    PLATFORM,
    /** A wealth-svc product (owner id {@code product-<id>}): its locked principal, reward pool, rewards owed and rounding. */
    PRODUCT
}
