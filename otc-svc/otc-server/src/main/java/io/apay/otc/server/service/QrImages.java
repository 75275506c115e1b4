package io.apay.otc.server.service;

import io.apay.common.core.error.CommonErrorCodes;
import io.apay.common.core.error.ServiceException;
import java.util.Arrays;

/** A payee QR image: PNG or JPEG (checked by its first bytes), at most 1 MB. */
final class QrImages {

    static final int MAX_BYTES = 1024 * 1024;
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};

    private QrImages() {
    }

    static String extension(String contentType, byte[] image) {
        if (image.length == 0 || image.length > MAX_BYTES) {
            throw new ServiceException(CommonErrorCodes.PAYLOAD_TOO_LARGE, "a QR image is 1 byte to 1 MB");
        }
        if (startsWith(image, PNG) && "image/png".equalsIgnoreCase(contentType)) {
            return "png";
        }
        if (startsWith(image, JPEG) && "image/jpeg".equalsIgnoreCase(contentType)) {
            return "jpg";
        }
        throw new ServiceException(CommonErrorCodes.UNSUPPORTED_MEDIA_TYPE, "a QR image is a PNG or JPEG");
    }

    private static boolean startsWith(byte[] data, byte[] magic) {
        return data.length >= magic.length && Arrays.equals(data, 0, magic.length, magic, 0, magic.length);
    }
}
