package io.apay.push.api;

import io.apay.common.core.result.ApiResult;
import io.apay.push.api.dto.AcceptorPresence;
import io.apay.push.api.dto.MonitorHandshake;
import io.apay.push.api.dto.MonitorTicket;
import io.apay.push.api.dto.OnlineAcceptorsPage;
import java.util.List;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * push-svc for other services: whether an acceptor's monitor is online, and at which epoch. The answer is read from
 * the authoritative state in Redis. The same transitions also arrive as events ({@link io.apay.push.api.event.PushEvents}).
 * Sending an acceptor a message goes through RabbitMQ ({@link io.apay.push.api.message.PushMessages}), not Feign.
 */
@FeignClient(name = "push-svc", contextId = "pushApi")
public interface PushApi {

    String PREFIX = "/rpc-api/push";

    /** One acceptor's presence: online (its ads accept orders) or offline (paused). */
    @GetMapping(PREFIX + "/acceptors/{acceptorId}/presence")
    ApiResult<AcceptorPresence> presence(@PathVariable("acceptorId") long acceptorId);

    /** The presence of up to 100 acceptors at once, in the order asked. */
    @GetMapping(PREFIX + "/acceptors/presence")
    ApiResult<List<AcceptorPresence>> presences(@RequestParam("acceptorIds") List<Long> acceptorIds);

    /**
     * Every online acceptor, by ascending id, {@code limit} (1..500) at a time: pass the page's {@code next} as
     * {@code after} to get the following page; {@code next} is null on the last page.
     */
    @GetMapping(PREFIX + "/acceptors/online")
    ApiResult<OnlineAcceptorsPage> online(@RequestParam(value = "after", defaultValue = "0") long after,
                                          @RequestParam(value = "limit", defaultValue = "100") int limit);

    /**
     * The gateway's check of a monitor handshake before it upgrades the client (so a refusal is an HTTP answer, not
     * a socket closed after 101): verifies the device and signature, spends {@code (deviceId, ts)}, and answers a
     * one-time {@link MonitorTicket} for the upgrade; a refusal is 19001/19002/19003/19010 with its HTTP status.
     */
    @PostMapping(PREFIX + "/monitor/handshake-check")
    ApiResult<MonitorTicket> checkHandshake(@RequestBody MonitorHandshake handshake);
}
