package io.apay.common.core.error;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * One numeric range of error codes per service, so a code alone tells where it came from.
 * The table is mirrored in docs/error-codes.md.
 */
public enum ErrorCodeRange {
    COMMON(10000, 10999),
    GATEWAY(11000, 11999),
    USER(12000, 12999),
    SMS(13000, 13999),
    LEDGER(14000, 14999),
    WALLET(15000, 15999),
    OTC(16000, 16999),
    CHAIN_BRIDGE(17000, 17999),
    WEALTH(18000, 18999),
    PUSH(19000, 19999),
    MERCHANT(20000, 20999),
    JOB(21000, 21999);

    private final int from;
    private final int to;

    ErrorCodeRange(int from, int to) {
        this.from = from;
        this.to = to;
    }

    public int from() {
        return from;
    }

    public int to() {
        return to;
    }

    public boolean contains(int code) {
        return code >= from && code <= to;
    }

    /** The {@code public static final ErrorCode} constants declared by a holder class (an {@code XxxErrorCodes}). */
    public static List<ErrorCode> declaredIn(Class<?> holder) {
        List<ErrorCode> codes = new ArrayList<>();
        for (Field field : holder.getDeclaredFields()) {
            int mod = field.getModifiers();
            if (Modifier.isStatic(mod) && field.getType() == ErrorCode.class) {
                try {
                    codes.add((ErrorCode) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return codes;
    }
}
