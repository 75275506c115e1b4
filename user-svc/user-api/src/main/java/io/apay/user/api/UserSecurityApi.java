package io.apay.user.api;

import io.apay.common.core.result.ApiResult;
import io.apay.user.api.dto.TotpCheckRequest;
import io.apay.user.api.dto.UserContactView;
import jakarta.validation.Valid;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * What another service needs to confirm a sensitive step of a logged-in user (wallet-svc's withdrawals and
 * transfers): check the user's two-factor code, and the user's phone (for an SMS code) and state.
 */
@FeignClient(name = "user-svc", contextId = "userSecurityApi")
public interface UserSecurityApi {

    String PREFIX = "/rpc-api/user/users";

    /**
     * Checks and consumes a two-factor code (single use, like every code of the user): true if it was right, false
     * if wrong or already used (an answer, not a 401: between services a 401 means the caller's own credential
     * failed). Two-factor off: {@link UserErrorCodes#TOTP_NOT_ENABLED}; no such user: {@link UserErrorCodes#USER_NOT_FOUND}.
     * Too many wrong codes (5 within 15 min, counted per user with the app's own checks): a refusal
     * {@link UserErrorCodes#TOTP_LOCKED} (423; its message says how many seconds are left) to every code, a right
     * one too, until the lock ends. A 423 is a refusal to callers (RemoteOutcome), never "no answer, retry".
     */
    @PostMapping(PREFIX + "/{userId}/totp/verify")
    ApiResult<Boolean> verifyTotp(@PathVariable("userId") long userId, @RequestBody @Valid TotpCheckRequest request);

    /** The user's phone (E.164), whether two-factor is on, and status (ACTIVE or FROZEN). */
    @GetMapping(PREFIX + "/{userId}/contact")
    ApiResult<UserContactView> contact(@PathVariable("userId") long userId);

    /** The user registered with this phone ({@link UserErrorCodes#USER_NOT_FOUND} if none). */
    @GetMapping(PREFIX + "/by-phone")
    ApiResult<UserContactView> byPhone(@RequestParam("phone") String phone);
}
