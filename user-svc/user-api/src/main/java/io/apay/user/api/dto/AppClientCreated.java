package io.apay.user.api.dto;

/** The one time a client's secret is shown in plain text. */
public record AppClientCreated(String keyId, String secret) {
}
