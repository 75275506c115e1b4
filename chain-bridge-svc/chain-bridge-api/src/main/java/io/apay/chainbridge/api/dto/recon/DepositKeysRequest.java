package io.apay.chainbridge.api.dto.recon;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Deposit keys to look up (1-500), each {@code deposit:<network>:<txHash>:<logIndex>} as
 * {@link io.apay.chainbridge.api.dto.ChainDepositView#depositKey()} writes it ({@code logIndex} -1 for a native transfer).
 */
public record DepositKeysRequest(
        @NotEmpty @Size(max = 500) List<@Pattern(regexp = "deposit:[A-Z0-9_]{2,32}:[A-Za-z0-9]{1,100}:-?[0-9]{1,9}") String> keys) {
}
