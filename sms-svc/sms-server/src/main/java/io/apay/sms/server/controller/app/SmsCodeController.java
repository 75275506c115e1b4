package io.apay.sms.server.controller.app;

import io.apay.common.core.result.ApiResult;
import io.apay.common.web.security.RequestIdentity;
import io.apay.sms.api.dto.CodeSent;
import io.apay.sms.api.dto.SendCodeRequest;
import io.apay.sms.server.service.SmsCodeService;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Apps ask for a verification code (a public route: app signature, no login token). */
@RestController
public class SmsCodeController {

    private final SmsCodeService codes;

    public SmsCodeController(SmsCodeService codes) {
        this.codes = codes;
    }

    @PostMapping("/app-api/sms/codes")
    public ApiResult<CodeSent> send(@Valid @RequestBody SendCodeRequest request) {
        return ApiResult.ok(codes.send(request.phone(), request.purpose(), request.locale(),
                RequestIdentity.clientIp().orElse(null)));
    }
}
