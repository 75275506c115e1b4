package io.apay.ledger.server.controller.admin.vo;

import io.apay.common.core.validation.PlainText;
import jakarta.validation.constraints.Size;

/** The optional body of an operator's reconciliation run: why (optional, as a run changes nothing; to the op-log when given). */
public record ReconcileAdminRequest(@Size(max = 255) @PlainText String reason) {
}
