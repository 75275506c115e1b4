package io.apay.ledger.api.dto;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Business references to look up transactions by (at most 500). */
public record BizRefsRequest(@NotEmpty @Size(max = 500) List<@NotEmpty @Size(max = 128) String> bizRefs) {
}
