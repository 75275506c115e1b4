package io.apay.user.server.controller.app;

import io.apay.common.core.result.ApiResult;
import io.apay.common.web.security.RequestIdentity;
import io.apay.user.server.controller.app.vo.DeviceResponse;
import io.apay.user.server.controller.app.vo.LoginResult;
import io.apay.user.server.controller.app.vo.PasswordLoginRequest;
import io.apay.user.server.controller.app.vo.RegisterRequest;
import io.apay.user.server.controller.app.vo.SmsLoginRequest;
import io.apay.user.server.service.AuthService;
import io.apay.user.server.service.SessionService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Registration, login and sessions. {@code register} and {@code login/*} are public routes (app signature only);
 * the rest need the login token, whose user and token id the gateway passes as identity headers.
 */
@RestController
@Validated
@RequestMapping("/app-api/user/auth")
public class AuthController {

    private final AuthService auth;
    private final SessionService sessions;

    public AuthController(AuthService auth, SessionService sessions) {
        this.auth = auth;
        this.sessions = sessions;
    }

    @PostMapping("/register")
    public ApiResult<LoginResult> register(@Valid @RequestBody RegisterRequest request) {
        return ApiResult.ok(auth.register(request));
    }

    @PostMapping("/login/password")
    public ApiResult<LoginResult> loginByPassword(@Valid @RequestBody PasswordLoginRequest request) {
        return ApiResult.ok(auth.loginByPassword(request));
    }

    @PostMapping("/login/sms")
    public ApiResult<LoginResult> loginBySms(@Valid @RequestBody SmsLoginRequest request) {
        return ApiResult.ok(auth.loginBySms(request));
    }

    @PostMapping("/logout")
    public ApiResult<Void> logout() {
        sessions.logout(RequestIdentity.requireUserId(), RequestIdentity.tokenId().orElse(""));
        return ApiResult.ok();
    }

    @PostMapping("/logout-all")
    public ApiResult<Integer> logoutEverywhere() {
        return ApiResult.ok(sessions.logoutEverywhere(RequestIdentity.requireUserId()));
    }

    @GetMapping("/devices")
    public ApiResult<List<DeviceResponse>> devices() {
        return ApiResult.ok(sessions.devices(RequestIdentity.requireUserId(), RequestIdentity.tokenId().orElse("")));
    }

    @DeleteMapping("/devices/{deviceId}")
    public ApiResult<Void> logoutDevice(@PathVariable @Pattern(regexp = "[A-Za-z0-9_.:-]{1,64}") String deviceId) {
        sessions.logoutDevice(RequestIdentity.requireUserId(), deviceId);
        return ApiResult.ok();
    }
}
