package io.apay.chainbridge.api;

import io.apay.chainbridge.api.dto.ChainDepositView;
import io.apay.chainbridge.api.dto.ChainWithdrawalView;
import io.apay.chainbridge.api.dto.recon.DepositKeysRequest;
import io.apay.chainbridge.api.dto.recon.WithdrawalIdsRequest;
import io.apay.common.core.result.ApiResult;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * What job-svc's cross-service reconciliation reads of chain-bridge-svc (docs/reconciliation.md): plain reads, no
 * side effect. The chain records of the deposits and withdrawals wallet-svc has, by their keys, and the deposits
 * confirmed in a time window (to find one the wallet never credited).
 */
@FeignClient(name = "chain-bridge-svc", contextId = "chainReconApi")
public interface ChainReconApi {

    String PREFIX = "/rpc-api/chain/recon";

    /**
     * Deposits CONFIRMED with {@code from <= confirmedAt < to} (ISO-8601 instants), by ascending id after
     * {@code afterId} (keyset paging: 0 first; a page shorter than {@code limit}, 1-1000, is the last).
     */
    @GetMapping(PREFIX + "/deposits/confirmed")
    ApiResult<List<ChainDepositView>> confirmedDeposits(@RequestParam("from") Instant from,
                                                        @RequestParam("to") Instant to,
                                                        @RequestParam("afterId") @Min(0) long afterId,
                                                        @RequestParam("limit") @Min(1) @Max(1000) int limit);

    /** The deposits (any status) with these keys ({@code deposit:<network>:<txHash>:<logIndex>}); unknown keys are left out. */
    @PostMapping(PREFIX + "/deposits/by-keys")
    ApiResult<List<ChainDepositView>> depositsByKeys(@RequestBody @Valid DepositKeysRequest request);

    /** The withdrawals (any status) with these caller ids (wallet-svc's withdrawal numbers); unknown ids are left out. */
    @PostMapping(PREFIX + "/withdrawals/by-ids")
    ApiResult<List<ChainWithdrawalView>> withdrawalsByIds(@RequestBody @Valid WithdrawalIdsRequest request);
}
