package io.apay.user.server.controller.rpc;

import io.apay.common.core.result.ApiResult;
import io.apay.user.server.controller.admin.vo.OperatorCreated;
import io.apay.user.server.service.admin.OperatorService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import io.apay.common.core.validation.PlainText;

/**
 * The first super admin, made by {@code bin/apay admin-bootstrap} on the machine itself (internal endpoint, never
 * routed by the gateway). Refused once any operator exists.
 */
@RestController
public class OperatorRpcController {

    record BootstrapRequest(
            @NotBlank @Pattern(regexp = "[a-z][a-z0-9_.-]{2,31}", message = "3-32 of a-z 0-9 _ . -, starting with a letter") String username,
            @NotBlank @Size(max = 64) @PlainText String displayName) {
    }

    private final OperatorService operators;

    public OperatorRpcController(OperatorService operators) {
        this.operators = operators;
    }

    @PostMapping("/rpc-api/user/operators/bootstrap")
    public ApiResult<OperatorCreated> bootstrap(@Valid @RequestBody BootstrapRequest request) {
        return ApiResult.ok(operators.bootstrap(request.username(), request.displayName()));
    }
}
