package io.apay.merchant.controller.admin.vo;

import io.apay.common.core.validation.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The merchant's whole payout-address whitelist (empty: no payouts at all). */
public record PayoutAddressesRequest(@NotNull @Size(max = 50) List<@NotNull @Valid PayoutAddress> payoutAddresses,
                                     @NotBlank @Size(max = 255) @PlainText String reason) {
}
