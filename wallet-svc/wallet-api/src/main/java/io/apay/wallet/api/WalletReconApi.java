package io.apay.wallet.api;

import io.apay.common.core.result.ApiResult;
import io.apay.wallet.api.dto.recon.DepositSnapshot;
import io.apay.wallet.api.dto.recon.WithdrawalSnapshot;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * What job-svc's cross-service reconciliation reads of wallet-svc (docs/reconciliation.md): the deposits and
 * withdrawals that ended in a time window, and every one still under way. Keyset-paged by id: pass the last id seen
 * as {@code afterId} (0 to start); a page shorter than {@code limit} is the last. {@code from} and {@code to} are
 * ISO-8601 instants, {@code from <= updatedAt < to} (a final row's {@code updatedAt} is when it ended).
 */
@FeignClient(name = "wallet-svc", contextId = "walletReconApi")
public interface WalletReconApi {

    String PREFIX = "/rpc-api/wallet/recon";

    /** Deposits CREDITED or IGNORED in [from, to), and every deposit still CREDITING. */
    @GetMapping(PREFIX + "/deposits")
    ApiResult<List<DepositSnapshot>> deposits(@RequestParam("from") Instant from,
                                              @RequestParam("to") Instant to,
                                              @RequestParam("afterId") @Min(0) long afterId,
                                              @RequestParam("limit") @Min(1) @Max(1000) int limit);

    /** Withdrawals and payouts that ended (COMPLETED, FAILED, REJECTED) in [from, to), and every one not ended yet. */
    @GetMapping(PREFIX + "/withdrawals")
    ApiResult<List<WithdrawalSnapshot>> withdrawals(@RequestParam("from") Instant from,
                                                    @RequestParam("to") Instant to,
                                                    @RequestParam("afterId") @Min(0) long afterId,
                                                    @RequestParam("limit") @Min(1) @Max(1000) int limit);
}
