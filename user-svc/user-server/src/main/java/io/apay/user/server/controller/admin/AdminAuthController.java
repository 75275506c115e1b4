package io.apay.user.server.controller.admin;

import io.apay.common.core.result.ApiResult;
import io.apay.common.core.security.Permission;
import io.apay.common.web.security.AdminPublic;
import io.apay.common.web.security.RequestIdentity;
import io.apay.common.web.security.RequiresPermission;
import io.apay.user.server.controller.admin.vo.ActivateRequest;
import io.apay.user.server.controller.admin.vo.ActivationRequest;
import io.apay.user.server.controller.admin.vo.OperatorLoginRequest;
import io.apay.user.server.controller.admin.vo.OperatorSession;
import io.apay.user.server.service.TotpCodes;
import io.apay.user.server.service.admin.OperatorService;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operator activation (one-time code, then password + TOTP), login (password + TOTP) and logout. */
@RestController
@RequestMapping("/admin-api/user/auth")
public class AdminAuthController {

    private final OperatorService operators;

    public AdminAuthController(OperatorService operators) {
        this.operators = operators;
    }

    @AdminPublic
    @PostMapping("/activation/totp")
    public ApiResult<TotpCodes.Binding> activationTotp(@Valid @RequestBody ActivationRequest request) {
        return ApiResult.ok(operators.activationTotp(request.username(), request.activationCode()));
    }

    @AdminPublic
    @PostMapping("/activate")
    public ApiResult<Void> activate(@Valid @RequestBody ActivateRequest request) {
        operators.activate(request);
        return ApiResult.ok();
    }

    @AdminPublic
    @PostMapping("/login")
    public ApiResult<OperatorSession> login(@Valid @RequestBody OperatorLoginRequest request) {
        return ApiResult.ok(operators.login(request));
    }

    @RequiresPermission(Permission.SELF)
    @PostMapping("/logout")
    public ApiResult<Void> logout() {
        operators.logout(RequestIdentity.tokenId().orElse(""));
        return ApiResult.ok();
    }
}
