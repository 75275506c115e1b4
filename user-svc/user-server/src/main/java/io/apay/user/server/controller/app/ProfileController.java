package io.apay.user.server.controller.app;

import io.apay.common.core.result.ApiResult;
import io.apay.common.web.security.RequestIdentity;
import io.apay.user.server.controller.app.vo.ProfileResponse;
import io.apay.user.server.controller.app.vo.UpdateProfileRequest;
import io.apay.user.server.service.ProfileService;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ProfileController {

    private final ProfileService profiles;

    public ProfileController(ProfileService profiles) {
        this.profiles = profiles;
    }

    @GetMapping("/app-api/user/profile")
    public ApiResult<ProfileResponse> profile() {
        return ApiResult.ok(profiles.profile(RequestIdentity.requireUserId()));
    }

    @PutMapping("/app-api/user/profile")
    public ApiResult<ProfileResponse> update(@Valid @RequestBody UpdateProfileRequest request) {
        return ApiResult.ok(profiles.updateNickname(RequestIdentity.requireUserId(), request.nickname()));
    }
}
