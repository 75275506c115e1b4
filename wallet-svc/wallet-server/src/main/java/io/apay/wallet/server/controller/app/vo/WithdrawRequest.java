package io.apay.wallet.server.controller.app.vo;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;

/** An app user's withdrawal; {@code requestNo} is the app's own number, the idempotency key of the request. */
public record WithdrawRequest(
        @NotNull @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = "1-64 of A-Z a-z 0-9 . _ -") String requestNo,
        @NotNull @Pattern(regexp = "[A-Z0-9_]{2,32}", message = "a network like LOCAL or ETH") String network,
        @NotNull @Pattern(regexp = "[A-Z0-9]{2,16}", message = "a coin like USDT") String coin,
        @NotNull @Pattern(regexp = "[A-Za-z0-9]{20,64}", message = "20-64 letters and digits") String toAddress,
        @NotNull @Positive BigDecimal amount,
        @NotNull @Pattern(regexp = "\\d{6}", message = "6 digits") String totpCode,
        @Pattern(regexp = "\\d{6}", message = "6 digits") String smsCode) {
}
