package io.apay.otc.api;

import io.apay.common.core.result.ApiResult;
import io.apay.otc.api.dto.recon.AcceptorSnapshot;
import io.apay.otc.api.dto.recon.AdSnapshot;
import io.apay.otc.api.dto.recon.OrderSnapshot;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * What job-svc's cross-service reconciliation reads of otc-svc: every ad and acceptor with the ledger holds they
 * should own, and the orders that ended in a time window (or are still PAID or under appeal). Keyset-paged by id:
 * pass the last id seen as {@code afterId} (0 to start); a page shorter than {@code limit} is the last.
 */
@FeignClient(name = "otc-svc", contextId = "otcReconApi")
public interface OtcReconApi {

    String PREFIX = "/rpc-api/otc/recon";

    /** Ads by id, with the coin of their open (CREATED, PAID, APPEAL) orders. */
    @GetMapping(PREFIX + "/ads")
    ApiResult<List<AdSnapshot>> ads(@RequestParam("afterId") @Min(0) long afterId,
                                    @RequestParam("limit") @Min(1) @Max(1000) int limit);

    /** Acceptors by user id. */
    @GetMapping(PREFIX + "/acceptors")
    ApiResult<List<AcceptorSnapshot>> acceptors(@RequestParam("afterId") @Min(0) long afterId,
                                                @RequestParam("limit") @Min(1) @Max(1000) int limit);

    /**
     * Orders by id that ended (COMPLETED, EXPIRED, CANCELLED) with {@code from <= closedAt < to}, plus every order
     * still PAID or under APPEAL. {@code from} and {@code to} are ISO-8601 instants ({@code 2026-03-01T12:00:00Z}):
     * Spring's Instant formatter both ways (an ISO {@code @DateTimeFormat} cannot print an Instant, so Feign could not
     * send one).
     */
    @GetMapping(PREFIX + "/orders")
    ApiResult<List<OrderSnapshot>> orders(@RequestParam("from") Instant from,
                                          @RequestParam("to") Instant to,
                                          @RequestParam("afterId") @Min(0) long afterId,
                                          @RequestParam("limit") @Min(1) @Max(1000) int limit);
}
