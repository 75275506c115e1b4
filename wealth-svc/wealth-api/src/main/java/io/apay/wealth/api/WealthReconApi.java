package io.apay.wealth.api;

import io.apay.common.core.result.ApiResult;
import io.apay.wealth.api.dto.ProductBalances;
import java.util.List;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;

/** What job-svc's cross-service reconciliation reads of wealth-svc (docs/reconciliation.md). */
@FeignClient(name = "wealth-svc", contextId = "wealthReconApi")
public interface WealthReconApi {

    /** Every product that ever had a position or a funding, with what its ledger accounts should hold. */
    @GetMapping("/rpc-api/wealth/recon/products")
    ApiResult<List<ProductBalances>> products();
}
