package io.apay.sms.api;

import io.apay.common.core.error.ServiceException;
import java.util.regex.Pattern;

/**
 * Phone numbers are kept in E.164 form ({@code +8613800000000}). Spaces and dashes are dropped; a bare 11-digit
 * Chinese mobile number gets {@code +86}.
 */
public final class PhoneNumbers {

    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");
    private static final Pattern CN_MOBILE = Pattern.compile("1[3-9]\\d{9}");

    private PhoneNumbers() {
    }

    public static String normalize(String raw) {
        if (raw == null) {
            throw new ServiceException(SmsErrorCodes.INVALID_PHONE);
        }
        String p = raw.replaceAll("[\\s-]", "");
        if (CN_MOBILE.matcher(p).matches()) {
            p = "+86" + p;
        }
        if (!E164.matcher(p).matches()) {
            throw new ServiceException(SmsErrorCodes.INVALID_PHONE);
        }
        return p;
    }

    /** For logs: +86138****0000. */
    public static String mask(String phone) {
        if (phone == null || phone.length() < 8) {
            return "****";
        }
        return phone.substring(0, phone.length() - 8) + "****" + phone.substring(phone.length() - 4);
    }
}
