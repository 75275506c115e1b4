package io.apay.chainbridge.api.dto.recon;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Withdrawal ids to look up (1-500), as the caller sent them ({@link io.apay.chainbridge.api.dto.ChainWithdrawalRequest#withdrawalId()}). */
public record WithdrawalIdsRequest(@NotEmpty @Size(max = 500) List<@Pattern(regexp = "[A-Za-z0-9._:-]{1,64}") String> withdrawalIds) {
}
