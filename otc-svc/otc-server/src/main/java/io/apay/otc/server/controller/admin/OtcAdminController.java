package io.apay.otc.server.controller.admin;

import io.apay.common.core.result.ApiResult;
import io.apay.common.core.result.PageParam;
import io.apay.common.core.result.PageResult;
import io.apay.common.core.security.Permission;
import io.apay.common.web.security.RequiresPermission;
import io.apay.common.web.validation.EnumName;
import io.apay.otc.api.enums.AcceptorStatus;
import io.apay.otc.api.enums.OrderStatus;
import io.apay.otc.api.dto.OrderView;
import io.apay.otc.server.controller.admin.vo.AcceptorDetailView;
import io.apay.otc.server.controller.admin.vo.AcceptorSummaryView;
import io.apay.otc.server.controller.admin.vo.OrderDetailView;
import io.apay.otc.server.controller.admin.vo.OverviewView;
import io.apay.otc.server.controller.admin.vo.PaymentReportView;
import io.apay.otc.server.controller.admin.vo.ReasonRequest;
import io.apay.otc.server.controller.admin.vo.ResolveAppealRequest;
import io.apay.otc.server.controller.app.vo.AcceptorView;
import io.apay.otc.server.service.OrderDetails;
import io.apay.otc.server.service.OtcOverview;
import io.apay.otc.server.service.AcceptorService;
import io.apay.otc.server.service.OrderService;
import io.apay.otc.server.service.AppealService;
import io.apay.otc.server.service.PaymentReports;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.validation.annotation.Validated;

/**
 * Operators: acceptor reviews and pauses, orders (search, detail with timeline, manual release, appeals), payments
 * that matched no order, and the console's overview.
 */
@RestController
@Validated
public class OtcAdminController {

    private final AcceptorService acceptors;
    private final OrderService orders;
    private final AppealService appeals;
    private final PaymentReports reports;
    private final OrderDetails details;
    private final OtcOverview overview;

    public OtcAdminController(AcceptorService acceptors, OrderService orders, AppealService appeals, PaymentReports reports,
                              OrderDetails details, OtcOverview overview) {
        this.acceptors = acceptors;
        this.orders = orders;
        this.appeals = appeals;
        this.reports = reports;
        this.details = details;
        this.overview = overview;
    }

    @RequiresPermission(Permission.ACCEPTOR_READ)
    @GetMapping("/admin-api/otc/acceptors")
    public ApiResult<PageResult<AcceptorSummaryView>> acceptors(
            @RequestParam(required = false) @EnumName(AcceptorStatus.class) String status,
            @RequestParam(required = false) @Pattern(regexp = "true|false", message = "true or false") String online,
            @Valid PageParam page) {
        return ApiResult.ok(acceptors.list(status == null ? null : AcceptorStatus.valueOf(status),
                online == null ? null : Boolean.valueOf(online), page));
    }

    @RequiresPermission(Permission.ACCEPTOR_READ)
    @GetMapping("/admin-api/otc/acceptors/{userId}")
    public ApiResult<AcceptorDetailView> acceptor(@PathVariable long userId) {
        return ApiResult.ok(acceptors.detail(userId));
    }

    @RequiresPermission(Permission.ACCEPTOR_REVIEW)
    @PostMapping("/admin-api/otc/acceptors/{userId}/pause")
    public ApiResult<AcceptorDetailView> pause(@PathVariable long userId, @Valid @RequestBody ReasonRequest r) {
        return ApiResult.ok(acceptors.pauseByOperator(userId, r.reason()));
    }

    @RequiresPermission(Permission.ACCEPTOR_REVIEW)
    @PostMapping("/admin-api/otc/acceptors/{userId}/resume")
    public ApiResult<AcceptorDetailView> resume(@PathVariable long userId, @Valid @RequestBody ReasonRequest r) {
        return ApiResult.ok(acceptors.resumeByOperator(userId, r.reason()));
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
                                                   @RequestParam(required = false) @EnumName(OrderStatus.class) String status,
                                                   @RequestParam(required = false) @Size(max = 128) String q,
                                                   @Valid PageParam page) {
        return ApiResult.ok(orders.list(merchantNo, status == null ? null : OrderStatus.valueOf(status), q, page));
    }

    @RequiresPermission(Permission.OTC_READ)
    @GetMapping("/admin-api/otc/orders/{orderNo}")
    public ApiResult<OrderDetailView> order(@PathVariable String orderNo) {
        return ApiResult.ok(details.detail(orderNo));
    }

    @RequiresPermission(Permission.OTC_READ)
    @GetMapping("/admin-api/otc/overview")
    public ApiResult<OverviewView> overview() {
        return ApiResult.ok(overview.overview());
    }

    @RequiresPermission(Permission.OTC_RELEASE)
    @PostMapping("/admin-api/otc/orders/{orderNo}/release")
    public ApiResult<OrderView> release(@PathVariable String orderNo, @Valid @RequestBody ReasonRequest r) {
        return ApiResult.ok(appeals.releaseByHand(orderNo, r.reason()));
    }

    @RequiresPermission(Permission.OTC_APPEAL)
    @PostMapping("/admin-api/otc/orders/{orderNo}/appeal")
    public ApiResult<OrderView> appeal(@PathVariable String orderNo, @Valid @RequestBody ReasonRequest r) {
        return ApiResult.ok(appeals.openAppeal(orderNo, r.reason()));
    }

    @RequiresPermission(Permission.OTC_APPEAL)
    @PostMapping("/admin-api/otc/orders/{orderNo}/appeal/resolve")
    public ApiResult<OrderView> resolve(@PathVariable String orderNo, @Valid @RequestBody ResolveAppealRequest r) {
        return ApiResult.ok(appeals.resolveAppeal(orderNo, "RELEASE".equals(r.decision()), r.reason()));
    }

    @RequiresPermission(Permission.OTC_READ)
    @GetMapping("/admin-api/otc/payment-reports")
    public ApiResult<PageResult<PaymentReportView>> reports(
            @RequestParam(required = false) @Pattern(regexp = "MATCHED|UNMATCHED|REVIEWED", message = "one of MATCHED, UNMATCHED, REVIEWED") String status,
            @Valid PageParam page) {
        return ApiResult.ok(reports.list(status, page));
    }

    @RequiresPermission(Permission.OTC_LATE_PAYMENT_REVIEW)
    @PostMapping("/admin-api/otc/payment-reports/{reportId}/review")
    public ApiResult<PaymentReportView> review(@PathVariable String reportId, @Valid @RequestBody ReasonRequest r) {
        return ApiResult.ok(reports.review(reportId, r.reason()));
    }
}
