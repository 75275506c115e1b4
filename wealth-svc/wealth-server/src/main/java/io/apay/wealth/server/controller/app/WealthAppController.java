package io.apay.wealth.server.controller.app;

import io.apay.common.core.result.ApiResult;
import io.apay.common.core.result.PageParam;
import io.apay.common.core.result.PageResult;
import io.apay.common.web.security.RequestIdentity;
import io.apay.common.web.validation.EnumName;
import io.apay.wealth.server.controller.app.vo.AccrualView;
import io.apay.wealth.server.controller.app.vo.AppProductView;
import io.apay.wealth.server.controller.app.vo.PositionView;
import io.apay.wealth.server.controller.app.vo.SubscribeRequest;
import io.apay.wealth.server.service.subscription.PositionStatus;
import io.apay.wealth.server.service.subscription.SubscriptionService;
import io.apay.wealth.server.service.view.WealthAppReads;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import java.util.List;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** An app user's wealth: products on sale, subscribing, their positions and rewards (docs/wealth.md, "App API"). */
@RestController
@Validated
public class WealthAppController {

    private static final String APP = "/app-api/wealth";

    private final SubscriptionService subscriptions;
    private final WealthAppReads reads;

    public WealthAppController(SubscriptionService subscriptions, WealthAppReads reads) {
        this.subscriptions = subscriptions;
        this.reads = reads;
    }

    @GetMapping(APP + "/products")
    public ApiResult<List<AppProductView>> products() {
        return ApiResult.ok(reads.products(RequestIdentity.requireUserId()));
    }

    @PostMapping(APP + "/subscriptions")
    public ApiResult<PositionView> subscribe(@Valid @RequestBody SubscribeRequest request) {
        return ApiResult.ok(subscriptions.subscribe(RequestIdentity.requireUserId(), request));
    }

    @GetMapping(APP + "/positions")
    public ApiResult<PageResult<PositionView>> positions(@RequestParam(required = false) @EnumName(PositionStatus.class) String status,
                                                         @Valid PageParam page) {
        return ApiResult.ok(reads.positions(RequestIdentity.requireUserId(), status, page));
    }

    @GetMapping(APP + "/positions/{positionId}")
    public ApiResult<PositionView> position(@PathVariable @Positive long positionId) {
        return ApiResult.ok(reads.position(RequestIdentity.requireUserId(), positionId));
    }

    @GetMapping(APP + "/positions/{positionId}/accruals")
    public ApiResult<PageResult<AccrualView>> accruals(@PathVariable @Positive long positionId, @Valid PageParam page) {
        return ApiResult.ok(reads.accruals(RequestIdentity.requireUserId(), positionId, page));
    }

    @GetMapping(APP + "/history")
    public ApiResult<PageResult<PositionView>> history(@Valid PageParam page) {
        return ApiResult.ok(reads.history(RequestIdentity.requireUserId(), page));
    }
}
