package io.apay.otc.server.controller.admin;

import io.apay.common.core.result.ApiResult;
import io.apay.common.core.result.PageParam;
import io.apay.common.core.result.PageResult;
import io.apay.common.core.security.Permission;
import io.apay.common.web.security.RequiresPermission;
import io.apay.otc.api.dto.OrderView;
import io.apay.otc.server.controller.admin.vo.PaymentReportView;
import io.apay.otc.server.controller.admin.vo.ReasonRequest;
import io.apay.otc.server.controller.admin.vo.ResolveAppealRequest;
import io.apay.otc.server.controller.app.vo.AcceptorView;
import io.apay.otc.server.service.AcceptorService;
import io.apay.otc.server.service.OrderService;
import io.apay.otc.server.service.PaymentService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.validation.annotation.Validated;

/** Operators: acceptor reviews, orders (manual release, appeals) and payments that matched no order. */
@RestController
@Validated
public class OtcAdminController {

    private final AcceptorService acceptors;
    private final OrderService orders;
    private final PaymentService payments;

    public OtcAdminController(AcceptorService acceptors, OrderService orders, PaymentService payments) {
        this.acceptors = acceptors;
        this.orders = orders;
        this.payments = payments;
    }

    @RequiresPermission(Permission.ACCEPTOR_READ)
    @GetMapping("/admin-api/otc/acceptors")
    public ApiResult<PageResult<AcceptorView>> acceptors(
            @RequestParam(required = false) @Pattern(regexp = "APPLIED|ACTIVE|REJECTED|LEFT", message = "APPLIED, ACTIVE, REJECTED or LEFT") String status, @Valid PageParam page) {
        return ApiResult.ok(acceptors.list(status, page));
    }

    @RequiresPermission(Permission.ACCEPTOR_REVIEW)
    @PostMapping("/admin-api/otc/acceptors/{userId}/approve")
    public ApiResult<AcceptorView> approve(@PathVariable long userId, @Valid @RequestBody ReasonRequest r) {
        return ApiResult.ok(acceptors.approve(userId, r.reason()));
    }

    @RequiresPermission(Permission.ACCEPTOR_REVIEW)
    @PostMapping("/admin-api/otc/acceptors/{userId}/reject")
    public ApiResult<AcceptorView> reject(@PathVariable long userId, @Valid @RequestBody ReasonRequest r) {
        return ApiResult.ok(acceptors.reject(userId, r.reason()));
    }

    @RequiresPermission(Permission.OTC_READ)
    @GetMapping("/admin-api/otc/orders")
    public ApiResult<PageResult<OrderView>> orders(@RequestParam(required = false) String merchantNo,
                                                   @RequestParam(required = false) @Pattern(regexp = "CREATED|PAID|COMPLETED|EXPIRED|CANCELLED|APPEAL",
                                                           message = "CREATED, PAID, COMPLETED, EXPIRED, CANCELLED or APPEAL") String status,
                                                   @Valid PageParam page) {
        return ApiResult.ok(orders.list(merchantNo, status, page));
    }

    @RequiresPermission(Permission.OTC_RELEASE)
    @PostMapping("/admin-api/otc/orders/{orderNo}/release")
    public ApiResult<OrderView> release(@PathVariable String orderNo, @Valid @RequestBody ReasonRequest r) {
        return ApiResult.ok(payments.releaseByHand(orderNo, r.reason()));
    }

    @RequiresPermission(Permission.OTC_APPEAL)
    @PostMapping("/admin-api/otc/orders/{orderNo}/appeal")
    public ApiResult<OrderView> appeal(@PathVariable String orderNo, @Valid @RequestBody ReasonRequest r) {
        return ApiResult.ok(payments.openAppeal(orderNo, r.reason()));
    }

    @RequiresPermission(Permission.OTC_APPEAL)
    @PostMapping("/admin-api/otc/orders/{orderNo}/appeal/resolve")
    public ApiResult<OrderView> resolve(@PathVariable String orderNo, @Valid @RequestBody ResolveAppealRequest r) {
        return ApiResult.ok(payments.resolveAppeal(orderNo, "RELEASE".equals(r.decision()), r.reason()));
    }

    @RequiresPermission(Permission.OTC_READ)
    @GetMapping("/admin-api/otc/payment-reports")
    public ApiResult<PageResult<PaymentReportView>> reports(
            @RequestParam(required = false) @Pattern(regexp = "MATCHED|UNMATCHED|REVIEWED", message = "MATCHED, UNMATCHED or REVIEWED") String status,
            @Valid PageParam page) {
        return ApiResult.ok(payments.reports(status, page));
    }

    @RequiresPermission(Permission.OTC_LATE_PAYMENT_REVIEW)
    @PostMapping("/admin-api/otc/payment-reports/{reportId}/review")
    public ApiResult<PaymentReportView> review(@PathVariable String reportId, @Valid @RequestBody ReasonRequest r) {
        return ApiResult.ok(payments.review(reportId, r.reason()));
    }
}
