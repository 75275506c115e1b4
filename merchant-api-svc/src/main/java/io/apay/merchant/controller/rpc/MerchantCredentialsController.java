package io.apay.merchant.controller.rpc;

import io.apay.common.core.result.ApiResult;
import io.apay.merchant.service.MerchantService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Internal: the gateway reads a merchant's keys and whitelist here (never routed to the outside). */
@RestController
public class MerchantCredentialsController {

    private final MerchantService merchants;

    public MerchantCredentialsController(MerchantService merchants) {
        this.merchants = merchants;
    }

    @GetMapping("/rpc-api/merchant/merchants/{merchantNo}/credentials")
    public ApiResult<MerchantCredentials> credentials(@PathVariable String merchantNo) {
        return ApiResult.ok(merchants.credentials(merchantNo));
    }
}
