package io.apay.common.core.money;

import io.apay.common.core.error.CommonErrorCodes;
import io.apay.common.core.error.ServiceException;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Strict parsing and checking of money amounts. Money travels as a decimal string ("100.03"): no exponent, no
 * NaN or Infinity, at most {@link #MAX_INTEGER_DIGITS} integer digits and {@link #MAX_SCALE} decimals; each coin or
 * currency then narrows the scale with {@link #requireScale}.
 */
public final class Money {

    public static final int MAX_INTEGER_DIGITS = 18;
    public static final int MAX_SCALE = 18;

    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9]\\d{0," + (MAX_INTEGER_DIGITS - 1) + "})(\\.\\d{1," + MAX_SCALE + "})?");

    private Money() {
    }

    /** True if {@code text} is a plain decimal within the absolute limits. */
    public static boolean isPlainDecimal(String text) {
        return text != null && DECIMAL.matcher(text).matches();
    }

    /** Parses a plain decimal string; rejects anything else with a validation error naming {@code field}. */
    public static BigDecimal parse(String field, String text) {
        if (!isPlainDecimal(text)) {
            throw new ServiceException(CommonErrorCodes.VALIDATION_FAILED,
                    field + " must be a decimal string like \"100.03\" with at most " + MAX_SCALE + " decimals");
        }
        return new BigDecimal(text);
    }

    /** The amount must be positive and have no more than {@code scale} decimals (it is not rounded). */
    public static BigDecimal requirePositive(String field, BigDecimal amount, int scale) {
        if (amount == null || amount.signum() <= 0) {
            throw new ServiceException(CommonErrorCodes.VALIDATION_FAILED, field + " must be greater than 0");
        }
        return requireScale(field, amount, scale);
    }

    /** The amount must have no more than {@code scale} significant decimals (trailing zeros are fine). */
    public static BigDecimal requireScale(String field, BigDecimal amount, int scale) {
        if (amount.stripTrailingZeros().scale() > scale) {
            throw new ServiceException(CommonErrorCodes.VALIDATION_FAILED,
                    field + " has more than " + scale + " decimals");
        }
        return amount.setScale(Math.max(scale, 0));
    }
}
