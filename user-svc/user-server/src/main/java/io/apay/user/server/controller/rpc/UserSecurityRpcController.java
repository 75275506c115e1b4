package io.apay.user.server.controller.rpc;

import io.apay.common.core.result.ApiResult;
import io.apay.user.api.UserSecurityApi;
import io.apay.user.api.dto.TotpCheckRequest;
import io.apay.user.api.dto.UserContactView;
import io.apay.user.server.service.UserSecurityService;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.RestController;

/** Two-factor checks and contact details for other services (wallet-svc). */
@RestController
@Validated
public class UserSecurityRpcController implements UserSecurityApi {

    private final UserSecurityService security;

    public UserSecurityRpcController(UserSecurityService security) {
        this.security = security;
    }

    @Override
    public ApiResult<Boolean> verifyTotp(long userId, TotpCheckRequest request) {
        return ApiResult.ok(security.verifyTotp(userId, request.code()));
    }

    @Override
    public ApiResult<UserContactView> contact(long userId) {
        return ApiResult.ok(security.contact(userId));
    }

    @Override
    public ApiResult<UserContactView> byPhone(String phone) {
        return ApiResult.ok(security.byPhone(phone));
    }
}
