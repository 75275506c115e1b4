package io.apay.otc.api.dto;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * A merchant's payment order. {@code merchantOrderNo} is unique per merchant: the same request again answers the
 * same order. The buyer pays {@code fiatAmount} (plus a small offset that makes the amount unique) in
 * {@code fiatCurrency}; the merchant receives {@code coin} at the ad's rate, minus the platform fee.
 */
public record CreateOrderRequest(
        @NotBlank @Size(max = 32) String merchantNo,
        @NotBlank @Pattern(regexp = "[A-Za-z0-9_.:-]{1,64}", message = "1-64 letters, digits, _ . : -") String merchantOrderNo,
        @NotNull BigDecimal fiatAmount,
        @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "an ISO 4217 code like CNY") String fiatCurrency,
        @NotBlank @Pattern(regexp = "[A-Z]{2,10}", message = "a coin code like USDT") String coin,
        @Pattern(regexp = "ALIPAY|WECHAT|BANK", message = "ALIPAY, WECHAT or BANK") String channel,
        @NotBlank @Size(max = 512) @Pattern(regexp = "https?://.+", message = "an http(s) URL") String notifyUrl,
        @Size(max = 512) @Pattern(regexp = "https?://.+", message = "an http(s) URL") String returnUrl,
        @NotNull @Min(5) @Max(60) Integer expireMinutes) {
}
