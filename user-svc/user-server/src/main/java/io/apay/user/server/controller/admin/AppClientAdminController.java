package io.apay.user.server.controller.admin;

import io.apay.common.core.result.ApiResult;
import io.apay.common.core.security.Permission;
import io.apay.common.web.security.RequiresPermission;
import io.apay.user.api.dto.AppClientCreated;
import io.apay.user.server.controller.admin.vo.CreateAppClientAdminRequest;
import io.apay.user.server.controller.admin.vo.ReasonRequest;
import io.apay.user.server.controller.admin.vo.RotateAppClientRequest;
import io.apay.user.server.service.AppClientService;
import jakarta.validation.Valid;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** App clients: issue, rotate (with a grace period for the old secret), disable, enable. */
@RestController
@RequestMapping("/admin-api/user/app-clients")
@RequiresPermission(Permission.APP_CLIENT_MANAGE)
public class AppClientAdminController {

    private final AppClientService clients;

    public AppClientAdminController(AppClientService clients) {
        this.clients = clients;
    }

    @PostMapping
    public ApiResult<AppClientCreated> create(@Valid @RequestBody CreateAppClientAdminRequest r) {
        return ApiResult.ok(clients.createByOperator(r.keyId(), r.name(), r.reason()));
    }

    @GetMapping
    public ApiResult<List<Map<String, Object>>> list() {
        return ApiResult.ok(clients.list());
    }

    @PostMapping("/{keyId}/rotate")
    public ApiResult<AppClientCreated> rotate(@PathVariable String keyId, @Valid @RequestBody RotateAppClientRequest r) {
        return ApiResult.ok(clients.rotate(keyId, Duration.ofSeconds(r.graceSeconds()), r.reason()));
    }

    @PostMapping("/{keyId}/disable")
    public ApiResult<Void> disable(@PathVariable String keyId, @Valid @RequestBody ReasonRequest r) {
        clients.setEnabled(keyId, false, r.reason());
        return ApiResult.ok();
    }

    @PostMapping("/{keyId}/enable")
    public ApiResult<Void> enable(@PathVariable String keyId, @Valid @RequestBody ReasonRequest r) {
        clients.setEnabled(keyId, true, r.reason());
        return ApiResult.ok();
    }
}
