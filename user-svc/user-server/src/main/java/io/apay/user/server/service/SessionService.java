package io.apay.user.server.service;

import io.apay.common.core.error.ServiceException;
import io.apay.common.web.oplog.OperationLog;
import io.apay.user.api.UserErrorCodes;
import io.apay.user.server.controller.app.vo.DeviceResponse;
import io.apay.user.server.dal.redis.LoginTokenStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Service;

/** The user's logged-in devices: list them, log one out, log out everywhere. */
@Service
public class SessionService {

    private final LoginTokenStore tokens;

    public SessionService(LoginTokenStore tokens) {
        this.tokens = tokens;
    }

    public List<DeviceResponse> devices(long userId, String currentTokenId) {
        return tokens.sessions(userId).stream()
                .sorted(Comparator.comparingLong(LoginTokenStore.Session::lastUsedAt).reversed())
                .map(s -> new DeviceResponse(s.deviceId(), s.deviceName(), Instant.ofEpochMilli(s.issuedAt()),
                        Instant.ofEpochMilli(s.lastUsedAt()), s.tokenId().equals(currentTokenId)))
                .toList();
    }

    @OperationLog("user.logout")
    public void logout(long userId, String tokenId) {
        tokens.revoke(userId, tokenId);
    }

    @OperationLog("user.logout.device")
    public void logoutDevice(long userId, String deviceId) {
        if (!tokens.revokeDevice(userId, deviceId)) {
            throw new ServiceException(UserErrorCodes.DEVICE_NOT_FOUND);
        }
    }

    @OperationLog("user.logout.all")
    public int logoutEverywhere(long userId) {
        return tokens.revokeAll(userId);
    }
}
