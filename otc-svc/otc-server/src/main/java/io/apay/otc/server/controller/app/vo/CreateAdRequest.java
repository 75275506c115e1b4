package io.apay.otc.server.controller.app.vo;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import io.apay.common.core.validation.PlainText;

/** An ad: {@code totalCoin} offered at {@code rate} (fiat per coin), orders between minFiat and maxFiat. */
public record CreateAdRequest(
        @NotBlank @Pattern(regexp = "[A-Z]{2,10}", message = "a coin code like USDT") String coin,
        @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "an ISO 4217 code like CNY") String fiatCurrency,
        @NotNull BigDecimal rate,
        @NotNull BigDecimal minFiat,
        @NotNull BigDecimal maxFiat,
        @NotNull BigDecimal totalCoin,
        @NotEmpty @Size(max = 3) List<@Valid Channel> channels) {

    /** Where buyers pay: the acceptor's account on one channel. */
    public record Channel(
            @NotBlank @Pattern(regexp = "ALIPAY|WECHAT|BANK", message = "ALIPAY, WECHAT or BANK") String channel,
            @NotBlank @Size(max = 64) @PlainText String payeeName,
            @NotBlank @Size(max = 64) @PlainText String payeeAccount,
            @Size(max = 64) @PlainText String bankName) {
    }
}
