package io.apay.merchant.controller.admin;

import io.apay.common.core.result.ApiResult;
import io.apay.common.core.result.PageParam;
import io.apay.common.core.result.PageResult;
import io.apay.common.core.security.Permission;
import io.apay.common.web.security.RequiresPermission;
import io.apay.common.web.validation.EnumName;
import io.apay.merchant.controller.admin.vo.CallbackDetail;
import io.apay.merchant.controller.admin.vo.CallbackRow;
import io.apay.merchant.controller.admin.vo.CallbackSummary;
import io.apay.merchant.controller.admin.vo.ReasonRequest;
import io.apay.merchant.service.callback.CallbackAdminService;
import io.apay.merchant.service.callback.CallbackStatus;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Every merchant's callback deliveries, for operators (docs/admin.md, "Callback deliveries"). */
@RestController
@Validated
@RequestMapping("/admin-api/merchant/callbacks")
public class CallbackAdminController {

    private final CallbackAdminService callbacks;

    public CallbackAdminController(CallbackAdminService callbacks) {
        this.callbacks = callbacks;
    }

    @RequiresPermission(Permission.MERCHANT_READ)
    @GetMapping
    public ApiResult<PageResult<CallbackRow>> list(@RequestParam(required = false) @Size(max = 32) String merchantNo,
                                                   @RequestParam(required = false) @Size(max = 40) String orderNo,
                                                   @RequestParam(required = false) @EnumName(CallbackStatus.class) String status,
                                                   @RequestParam(defaultValue = "false") boolean failing,
                                                   @Valid PageParam page) {
        return ApiResult.ok(callbacks.list(merchantNo, orderNo, status, failing, page));
    }

    @RequiresPermission(Permission.MERCHANT_READ)
    @GetMapping("/summary")
    public ApiResult<CallbackSummary> summary() {
        return ApiResult.ok(callbacks.summary());
    }

    @RequiresPermission(Permission.MERCHANT_READ)
    @GetMapping("/{id}")
    public ApiResult<CallbackDetail> get(@PathVariable long id) {
        return ApiResult.ok(callbacks.detail(id));
    }

    @RequiresPermission(Permission.MERCHANT_MANAGE)
    @PostMapping("/{id}/redeliver")
    public ApiResult<CallbackRow> redeliver(@PathVariable long id, @Valid @RequestBody ReasonRequest r) {
        return ApiResult.ok(callbacks.redeliver(id, r.reason()));
    }
}
