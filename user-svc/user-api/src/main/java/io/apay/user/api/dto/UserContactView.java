package io.apay.user.api.dto;

/** {@code phone} in E.164 form; {@code status} ACTIVE or FROZEN. */
public record UserContactView(long userId, String phone, boolean totpEnabled, String status) {
}
