package io.apay.wallet.api;

import io.apay.common.core.result.ApiResult;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The scheduled work job-svc asks wallet-svc to do; every call is idempotent and answers how much it did. */
@FeignClient(name = "wallet-svc", contextId = "walletJobsApi")
public interface WalletJobsApi {

    /**
     * Drives every intent older than the recovery threshold to its end, each by calling its step again with the same
     * key: deposits CREDITING; withdrawals HOLDING, SENDING, BROADCAST (asks chain-bridge-svc for the outcome),
     * settling or releasing; transfers PENDING. Then pages chain-bridge-svc's confirmed deposits after the stored
     * cursor, so a deposit whose event was lost is credited too.
     */
    @PostMapping("/rpc-api/wallet/jobs/recover")
    ApiResult<Integer> recover(@RequestParam("limit") @Min(1) @Max(1000) int limit);
}
