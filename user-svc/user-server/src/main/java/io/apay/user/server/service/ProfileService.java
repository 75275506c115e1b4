package io.apay.user.server.service;

import io.apay.common.core.error.ServiceException;
import io.apay.common.web.oplog.OperationLog;
import io.apay.user.api.UserErrorCodes;
import io.apay.user.server.controller.app.vo.ProfileResponse;
import io.apay.user.server.dal.dataobject.AppUserDO;
import io.apay.user.server.dal.mapper.AppUserMapper;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.springframework.stereotype.Service;

@Service
public class ProfileService {

    private final AppUserMapper users;
    private final Clock clock;

    public ProfileService(AppUserMapper users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    public ProfileResponse profile(long userId) {
        AppUserDO u = users.selectById(userId);
        if (u == null) {
            throw new ServiceException(UserErrorCodes.USER_NOT_FOUND);
        }
        return new ProfileResponse(u.getId(), u.getPhone(), u.getNickname(), Boolean.TRUE.equals(u.getTotpEnabled()),
                u.getCreatedAt().toInstant(ZoneOffset.UTC));
    }

    @OperationLog("user.profile.update")
    public ProfileResponse updateNickname(long userId, String nickname) {
        AppUserDO change = new AppUserDO();
        change.setId(userId);
        change.setNickname(nickname.strip());
        change.setUpdatedAt(LocalDateTime.now(clock));
        if (users.updateById(change) != 1) {
            throw new ServiceException(UserErrorCodes.USER_NOT_FOUND);
        }
        return profile(userId);
    }
}
