package io.apay.push.server.controller.rpc;

import io.apay.common.core.error.CommonErrorCodes;
import io.apay.common.core.error.ServiceException;
import io.apay.common.core.result.ApiResult;
import io.apay.push.api.PushApi;
import io.apay.push.api.PushErrorCodes;
import io.apay.push.api.dto.AcceptorPresence;
import io.apay.push.api.dto.MonitorHandshake;
import io.apay.push.api.dto.MonitorTicket;
import io.apay.push.api.dto.OnlineAcceptorsPage;
import io.apay.push.server.service.device.DeviceService;
import io.apay.push.server.service.presence.PresenceService;
import java.util.List;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.RestController;

/** {@link PushApi} for other services (never routed by the gateway). */
@RestController
@Validated
public class PushRpcController implements PushApi {

    private final PresenceService presence;
    private final DeviceService devices;

    public PushRpcController(PresenceService presence, DeviceService devices) {
        this.presence = presence;
        this.devices = devices;
    }

    @Override
    public ApiResult<AcceptorPresence> presence(long acceptorId) {
        return ApiResult.ok(presence.presence(acceptorId));
    }

    @Override
    public ApiResult<List<AcceptorPresence>> presences(List<Long> acceptorIds) {
        if (acceptorIds.size() > 100) {
            throw new ServiceException(PushErrorCodes.TOO_MANY_ACCEPTORS);
        }
        return ApiResult.ok(presence.presences(acceptorIds));
    }

    @Override
    public ApiResult<OnlineAcceptorsPage> online(long after, int limit) {
        if (limit < 1 || limit > 500) {
            throw new ServiceException(CommonErrorCodes.VALIDATION_FAILED, "limit must be 1..500");
        }
        return ApiResult.ok(presence.online(after, limit));
    }

    @Override
    public ApiResult<MonitorTicket> checkHandshake(MonitorHandshake handshake) {
        return ApiResult.ok(devices.checkHandshake(handshake));
    }
}
