package io.apay.ledger.api.dto;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** Who asked for a reconciliation run, recorded with it (e.g. {@code job-svc}, {@code operator:17}). */
public record ReconcileRequest(
        @NotNull @Pattern(regexp = "[A-Za-z0-9._:-]{1,32}", message = "must be 1-32 of A-Z a-z 0-9 . _ : -") String trigger) {
}
