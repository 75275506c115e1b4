package io.apay.user.server.controller.admin;

import io.apay.common.core.result.ApiResult;
import io.apay.common.core.security.Permission;
import io.apay.common.web.security.RequiresPermission;
import io.apay.user.server.controller.admin.vo.RoleView;
import io.apay.user.server.service.admin.OperatorService;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The roles and what each allows, for every operator (the console shows it). */
@RestController
public class RoleAdminController {

    private final OperatorService operators;

    public RoleAdminController(OperatorService operators) {
        this.operators = operators;
    }

    @RequiresPermission(Permission.SELF)
    @GetMapping("/admin-api/user/roles")
    public ApiResult<List<RoleView>> roles() {
        return ApiResult.ok(operators.roles());
    }
}
