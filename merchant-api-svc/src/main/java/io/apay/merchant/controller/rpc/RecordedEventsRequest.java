package io.apay.merchant.controller.rpc;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Order numbers to look up recorded callback events for (at most 500). */
public record RecordedEventsRequest(@NotEmpty @Size(max = 500) List<@NotBlank @Size(max = 40) String> orderNos) {
}
