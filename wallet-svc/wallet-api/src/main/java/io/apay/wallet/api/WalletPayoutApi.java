package io.apay.wallet.api;

import io.apay.common.core.result.ApiResult;
import io.apay.wallet.api.dto.PayoutRequest;
import io.apay.wallet.api.dto.WithdrawalView;
import jakarta.validation.Valid;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * Merchant payouts for merchant-api-svc, which answers merchants (signature, payout-address whitelist and callbacks
 * are merchant-api-svc's part). A payout is a withdrawal owned by the merchant (owner type MERCHANT).
 */
@FeignClient(name = "wallet-svc", contextId = "walletPayoutApi")
public interface WalletPayoutApi {

    String PREFIX = "/rpc-api/wallet";

    /**
     * Idempotent on (merchantNo, payoutNo): a repeat with the same payload answers the same payout; another payload
     * under the same payout number is refused ({@link WalletErrorCodes}) with nothing held.
     */
    @PostMapping(PREFIX + "/payouts")
    ApiResult<WithdrawalView> requestPayout(@RequestBody @Valid PayoutRequest request);

    @GetMapping(PREFIX + "/payouts/{merchantNo}/{payoutNo}")
    ApiResult<WithdrawalView> payout(@PathVariable("merchantNo") String merchantNo, @PathVariable("payoutNo") String payoutNo);
}
