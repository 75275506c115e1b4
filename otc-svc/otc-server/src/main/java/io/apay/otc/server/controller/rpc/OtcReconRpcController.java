package io.apay.otc.server.controller.rpc;

import io.apay.common.core.result.ApiResult;
import io.apay.otc.api.OtcReconApi;
import io.apay.otc.api.dto.recon.AcceptorSnapshot;
import io.apay.otc.api.dto.recon.AdSnapshot;
import io.apay.otc.api.dto.recon.OrderSnapshot;
import io.apay.otc.server.service.ReconSnapshotService;
import java.time.Instant;
import java.util.List;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.RestController;

/** What job-svc's cross-service reconciliation reads (docs/reconciliation.md). */
@RestController
@Validated
public class OtcReconRpcController implements OtcReconApi {

    private final ReconSnapshotService snapshots;

    public OtcReconRpcController(ReconSnapshotService snapshots) {
        this.snapshots = snapshots;
    }

    @Override
    public ApiResult<List<AdSnapshot>> ads(long afterId, int limit) {
        return ApiResult.ok(snapshots.ads(afterId, limit));
    }

    @Override
    public ApiResult<List<AcceptorSnapshot>> acceptors(long afterId, int limit) {
        return ApiResult.ok(snapshots.acceptors(afterId, limit));
    }

    @Override
    public ApiResult<List<OrderSnapshot>> orders(Instant from, Instant to, long afterId, int limit) {
        return ApiResult.ok(snapshots.orders(from, to, afterId, limit));
    }
}
