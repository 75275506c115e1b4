package io.apay.common.core.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address or block, as written in allowlists: {@code 203.0.113.7}, {@code 10.0.0.0/8},
 * {@code 2001:db8::/32}. Only IP literals: a host name is refused, never looked up.
 */
public record IpRange(byte[] network, int bits) {

    private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]{2,45}");

    /** Parses a range; throws {@link IllegalArgumentException} for anything else. */
    public static IpRange parse(String text) {
        String[] parts = text.trim().split("/", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("not an IP address or block: " + text);
        }
        byte[] address = literal(parts[0]);
        int bits = address.length * 8;
        if (parts.length == 2) {
            try {
                bits = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an IP address or block: " + text, e);
            }
            if (bits < 0 || bits > address.length * 8) {
                throw new IllegalArgumentException("prefix length out of range: " + text);
            }
        }
        return new IpRange(address, bits);
    }

    /** Whether {@code ip} (a literal) is inside this range; false for anything that is not an IP literal. */
    public boolean contains(String ip) {
        byte[] a;
        try {
            a = literal(ip);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (a.length != network.length) {
            return false;
        }
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >>> (i % 8);
            if ((a[i / 8] & mask) != (network[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] literal(String ip) {
        if (ip == null || !LITERAL.matcher(ip).matches() || (!ip.contains(".") && !ip.contains(":"))) {
            throw new IllegalArgumentException("not an IP literal: " + ip);
        }
        try {
            return InetAddress.getByName(ip).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + ip, e);
        }
    }
}
