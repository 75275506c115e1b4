package io.apay.sms.server.controller.rpc;

import io.apay.common.core.result.ApiResult;
import io.apay.sms.api.SmsApi;
import io.apay.sms.api.dto.VerifyCodeRequest;
import io.apay.sms.server.service.SmsCodeService;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
public class SmsRpcController implements SmsApi {

    private final SmsCodeService codes;

    public SmsRpcController(SmsCodeService codes) {
        this.codes = codes;
    }

    @Override
    public ApiResult<Void> verify(VerifyCodeRequest request) {
        codes.verify(request.phone(), request.purpose(), request.code());
        return ApiResult.ok();
    }
}
