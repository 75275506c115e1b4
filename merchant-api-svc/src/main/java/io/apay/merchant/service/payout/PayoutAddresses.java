package io.apay.merchant.service.payout;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How payout addresses are compared. An EVM address ({@code 0x} and 40 hex digits) is the same address in any
 * case: its EIP-55 mixed case is only a checksum, so it is compared in lower case. Any other address (TRON's
 * base58, ...) is case-sensitive and compared exactly.
 */
public final class PayoutAddresses {

    private static final Pattern HEX_ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

    private PayoutAddresses() {
    }

    /** The form an address is compared in. */
    public static String key(String address) {
        return HEX_ADDRESS.matcher(address).matches() ? address.toLowerCase(Locale.ROOT) : address;
    }
}
