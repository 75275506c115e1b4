package io.apay.ledger.api.dto;

/** The shapes of identifiers in ledger requests, shared by the Bean Validation annotations of the DTOs. */
public final class Patterns {

    /** Idempotency keys: printable ASCII without spaces, e.g. {@code otc:order:8812:settle}. */
    public static final String IDEMPOTENCY_KEY = "[A-Za-z0-9._:/@#-]{1,128}";
    public static final String OWNER_ID = "[A-Za-z0-9._:-]{1,64}";
    public static final String COIN = "[A-Z0-9]{2,16}";
    public static final String BIZ_TYPE = "[A-Z0-9_]{1,64}";

    private Patterns() {
    }
}
