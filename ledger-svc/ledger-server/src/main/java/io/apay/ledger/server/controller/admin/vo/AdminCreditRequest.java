package io.apay.ledger.server.controller.admin.vo;

import io.apay.ledger.api.dto.OwnerRef;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import io.apay.common.core.validation.PlainText;

/** An operator's credit: {@code requestId} (the operator's own id of this request) makes a retry harmless. */
public record AdminCreditRequest(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{8,64}", message = "8-64 of A-Z a-z 0-9 _ -") String requestId,
        @NotNull @Valid OwnerRef owner,
        @NotBlank @Pattern(regexp = "[A-Z]{2,10}", message = "a coin code like USDT") String coin,
        @NotNull @Positive BigDecimal amount,
        @NotBlank @Size(max = 255) @PlainText String reason) {
}
