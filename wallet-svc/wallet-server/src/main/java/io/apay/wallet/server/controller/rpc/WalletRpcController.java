package io.apay.wallet.server.controller.rpc;

import io.apay.common.core.result.ApiResult;
import io.apay.wallet.api.WalletJobsApi;
import io.apay.wallet.api.WalletPayoutApi;
import io.apay.wallet.api.dto.PayoutRequest;
import io.apay.wallet.api.dto.WithdrawalView;
import io.apay.wallet.server.service.WalletRecovery;
import io.apay.wallet.server.service.WithdrawalService;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.RestController;

/** merchant-api-svc's payouts and job-svc's recovery. */
@RestController
@Validated
public class WalletRpcController implements WalletPayoutApi, WalletJobsApi {

    private final WithdrawalService withdrawals;
    private final WalletRecovery recovery;

    public WalletRpcController(WithdrawalService withdrawals, WalletRecovery recovery) {
        this.withdrawals = withdrawals;
        this.recovery = recovery;
    }

    @Override
    public ApiResult<WithdrawalView> requestPayout(PayoutRequest request) {
        return ApiResult.ok(withdrawals.payout(request));
    }

    @Override
    public ApiResult<WithdrawalView> payout(String merchantNo, String payoutNo) {
        return ApiResult.ok(withdrawals.payoutOf(merchantNo, payoutNo));
    }

    @Override
    public ApiResult<Integer> recover(int limit) {
        return ApiResult.ok(recovery.recover(limit));
    }
}
