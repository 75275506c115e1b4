package io.apay.user.server.controller.app;

import io.apay.common.core.result.ApiResult;
import io.apay.common.web.security.RequestIdentity;
import io.apay.user.server.controller.app.vo.TotpCodeRequest;
import io.apay.user.server.service.TotpCodes;
import io.apay.user.server.service.TotpService;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Two-factor: bind (seed, otpauth URI, QR), confirm with a first code, verify, unbind with a current code. */
@RestController
@RequestMapping("/app-api/user/totp")
public class TotpController {

    private final TotpService totp;

    public TotpController(TotpService totp) {
        this.totp = totp;
    }

    @PostMapping("/bind")
    public ApiResult<TotpCodes.Binding> bind() {
        return ApiResult.ok(totp.bind(RequestIdentity.requireUserId()));
    }

    @PostMapping("/confirm")
    public ApiResult<Void> confirm(@Valid @RequestBody TotpCodeRequest request) {
        totp.confirm(RequestIdentity.requireUserId(), request.code());
        return ApiResult.ok();
    }

    @PostMapping("/verify")
    public ApiResult<Void> verify(@Valid @RequestBody TotpCodeRequest request) {
        totp.verify(RequestIdentity.requireUserId(), request.code());
        return ApiResult.ok();
    }

    @PostMapping("/unbind")
    public ApiResult<Void> unbind(@Valid @RequestBody TotpCodeRequest request) {
        totp.unbind(RequestIdentity.requireUserId(), request.code());
        return ApiResult.ok();
    }
}
