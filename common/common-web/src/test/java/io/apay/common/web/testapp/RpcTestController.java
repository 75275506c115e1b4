package io.apay.common.web.testapp;

import io.apay.common.core.result.ApiResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** An internal endpoint, as each service has under /rpc-api for the others. */
@RestController
class RpcTestController {

    @GetMapping("/rpc-api/test/secret")
    ApiResult<String> secret() {
        return ApiResult.ok("v1:encrypted-secret");
    }
}
