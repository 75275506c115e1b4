package io.apay.wealth.server.controller.rpc;

import io.apay.common.core.result.ApiResult;
import io.apay.wealth.api.WealthReconApi;
import io.apay.wealth.api.dto.ProductBalances;
import io.apay.wealth.server.service.recovery.WealthReconService;
import java.util.List;
import org.springframework.web.bind.annotation.RestController;

/** What job-svc's cross-service reconciliation reads (docs/reconciliation.md). */
@RestController
public class WealthReconRpcController implements WealthReconApi {

    private final WealthReconService recon;

    public WealthReconRpcController(WealthReconService recon) {
        this.recon = recon;
    }

    @Override
    public ApiResult<List<ProductBalances>> products() {
        return ApiResult.ok(recon.products());
    }
}
