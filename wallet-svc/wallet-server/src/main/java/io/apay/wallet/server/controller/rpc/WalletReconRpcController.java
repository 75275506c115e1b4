package io.apay.wallet.server.controller.rpc;

import io.apay.common.core.result.ApiResult;
import io.apay.wallet.api.WalletReconApi;
import io.apay.wallet.api.dto.recon.DepositSnapshot;
import io.apay.wallet.api.dto.recon.WithdrawalSnapshot;
import io.apay.wallet.server.service.ReconSnapshotService;
import java.time.Instant;
import java.util.List;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.RestController;

/** What job-svc's cross-service reconciliation reads (docs/reconciliation.md). */
@RestController
@Validated
public class WalletReconRpcController implements WalletReconApi {

    private final ReconSnapshotService snapshots;

    public WalletReconRpcController(ReconSnapshotService snapshots) {
        this.snapshots = snapshots;
    }

    @Override
    public ApiResult<List<DepositSnapshot>> deposits(Instant from, Instant to, long afterId, int limit) {
        return ApiResult.ok(snapshots.deposits(from, to, afterId, limit));
    }

    @Override
    public ApiResult<List<WithdrawalSnapshot>> withdrawals(Instant from, Instant to, long afterId, int limit) {
        return ApiResult.ok(snapshots.withdrawals(from, to, afterId, limit));
    }
}
