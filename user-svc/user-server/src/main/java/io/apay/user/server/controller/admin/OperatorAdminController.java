package io.apay.user.server.controller.admin;

import io.apay.common.core.result.ApiResult;
import io.apay.common.core.security.Permission;
import io.apay.common.web.security.RequiresPermission;
import io.apay.user.server.controller.admin.vo.CreateOperatorRequest;
import io.apay.user.server.controller.admin.vo.OperatorCreated;
import io.apay.user.server.controller.admin.vo.OperatorView;
import io.apay.user.server.controller.admin.vo.ReasonRequest;
import io.apay.user.server.controller.admin.vo.RolesRequest;
import io.apay.user.server.service.admin.OperatorService;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/admin-api/user/operators")
@RequiresPermission(Permission.OPERATOR_MANAGE)
public class OperatorAdminController {

    private final OperatorService operators;

    public OperatorAdminController(OperatorService operators) {
        this.operators = operators;
    }

    @PostMapping
    public ApiResult<OperatorCreated> create(@Valid @RequestBody CreateOperatorRequest r) {
        return ApiResult.ok(operators.create(r.username(), r.displayName(), r.roles(), r.reason()));
    }

    @GetMapping
    public ApiResult<List<OperatorView>> list() {
        return ApiResult.ok(operators.list());
    }

    /** Replaces the operator's roles and ends its sessions (docs/admin.md, "Operators and roles"). */
    @PutMapping("/{operatorId}/roles")
    public ApiResult<OperatorView> setRoles(@PathVariable long operatorId, @Valid @RequestBody RolesRequest r) {
        return ApiResult.ok(operators.setRoles(operatorId, r.roles(), r.reason()));
    }

    @PostMapping("/{operatorId}/disable")
    public ApiResult<OperatorView> disable(@PathVariable long operatorId, @Valid @RequestBody ReasonRequest r) {
        return ApiResult.ok(operators.disable(operatorId, r.reason()));
    }
}
