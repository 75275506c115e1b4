package io.apay.user.server.controller.admin;

import io.apay.common.core.result.ApiResult;
import io.apay.common.core.result.PageParam;
import io.apay.common.core.result.PageResult;
import io.apay.common.core.security.Permission;
import io.apay.common.web.security.RequiresPermission;
import io.apay.user.server.controller.admin.vo.ReasonRequest;
import io.apay.user.server.controller.admin.vo.UserView;
import io.apay.user.server.service.admin.UserAdminService;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/admin-api/user/users")
public class UserAdminController {

    private final UserAdminService users;

    public UserAdminController(UserAdminService users) {
        this.users = users;
    }

    @RequiresPermission(Permission.USER_READ)
    @GetMapping
    public ApiResult<PageResult<UserView>> list(@RequestParam(required = false) String phone, @Valid PageParam page) {
        return ApiResult.ok(users.list(phone, page));
    }

    @RequiresPermission(Permission.USER_READ)
    @GetMapping("/{userId}")
    public ApiResult<UserView> get(@PathVariable long userId) {
        return ApiResult.ok(users.get(userId));
    }

    @RequiresPermission(Permission.USER_FREEZE)
    @PostMapping("/{userId}/freeze")
    public ApiResult<UserView> freeze(@PathVariable long userId, @Valid @RequestBody ReasonRequest r) {
        return ApiResult.ok(users.freeze(userId, r.reason()));
    }

    @RequiresPermission(Permission.USER_FREEZE)
    @PostMapping("/{userId}/unfreeze")
    public ApiResult<UserView> unfreeze(@PathVariable long userId, @Valid @RequestBody ReasonRequest r) {
        return ApiResult.ok(users.unfreeze(userId, r.reason()));
    }

    @RequiresPermission(Permission.USER_RESET_TWO_FACTOR)
    @PostMapping("/{userId}/reset-two-factor")
    public ApiResult<UserView> resetTwoFactor(@PathVariable long userId, @Valid @RequestBody ReasonRequest r) {
        return ApiResult.ok(users.resetTwoFactor(userId, r.reason()));
    }
}
