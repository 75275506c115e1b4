package io.apay.wallet.server.controller.app.vo;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;

/** Coin to another app user, by user id or phone (exactly one); {@code transferNo} is the app's own number. */
public record TransferRequestVO(
        @NotNull @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = "1-64 of A-Z a-z 0-9 . _ -") String transferNo,
        @Positive Long toUserId,
        @Pattern(regexp = "\\+?[0-9 -]{7,20}", message = "a phone number") String toPhone,
        @NotNull @Pattern(regexp = "[A-Z0-9]{2,16}", message = "a coin like USDT") String coin,
        @NotNull @Positive BigDecimal amount,
        @NotNull @Pattern(regexp = "\\d{6}", message = "6 digits") String totpCode) {
}
