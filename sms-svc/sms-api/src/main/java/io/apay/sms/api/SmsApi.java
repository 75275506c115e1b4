package io.apay.sms.api;

import io.apay.common.core.result.ApiResult;
import io.apay.sms.api.dto.VerifyCodeRequest;
import jakarta.validation.Valid;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** Verification codes for other services: user-svc checks the code a user typed. */
@FeignClient(name = "sms-svc", contextId = "smsApi")
public interface SmsApi {

    String PREFIX = "/rpc-api/sms";

    /**
     * Consumes the code if it is right (single use). Wrong: {@link SmsErrorCodes#CODE_WRONG}; after the last
     * allowed attempt, or when expired or never sent: {@link SmsErrorCodes#CODE_ATTEMPTS_EXCEEDED} or
     * {@link SmsErrorCodes#CODE_EXPIRED}.
     */
    @PostMapping(PREFIX + "/codes/verify")
    ApiResult<Void> verify(@RequestBody @Valid VerifyCodeRequest request);
}
