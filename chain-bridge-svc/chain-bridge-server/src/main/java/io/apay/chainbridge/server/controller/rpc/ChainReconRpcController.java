package io.apay.chainbridge.server.controller.rpc;

import io.apay.chainbridge.api.ChainReconApi;
import io.apay.chainbridge.api.dto.ChainDepositView;
import io.apay.chainbridge.api.dto.ChainWithdrawalView;
import io.apay.chainbridge.api.dto.recon.DepositKeysRequest;
import io.apay.chainbridge.api.dto.recon.WithdrawalIdsRequest;
import io.apay.chainbridge.server.service.recon.ChainReconQueries;
import io.apay.common.core.result.ApiResult;
import java.time.Instant;
import java.util.List;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.RestController;

/** What job-svc's cross-service reconciliation reads (docs/reconciliation.md). */
@RestController
@Validated
public class ChainReconRpcController implements ChainReconApi {

    private final ChainReconQueries recon;

    public ChainReconRpcController(ChainReconQueries recon) {
        this.recon = recon;
    }

    @Override
    public ApiResult<List<ChainDepositView>> confirmedDeposits(Instant from, Instant to, long afterId, int limit) {
        return ApiResult.ok(recon.confirmedBetween(from, to, afterId, limit));
    }

    @Override
    public ApiResult<List<ChainDepositView>> depositsByKeys(DepositKeysRequest request) {
        return ApiResult.ok(recon.depositsByKeys(request.keys()));
    }

    @Override
    public ApiResult<List<ChainWithdrawalView>> withdrawalsByIds(WithdrawalIdsRequest request) {
        return ApiResult.ok(recon.withdrawalsByIds(request.withdrawalIds()));
    }
}
