package io.apay.user.server.service;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import io.apay.common.core.error.ServiceException;
import io.apay.sms.api.PhoneNumbers;
import io.apay.user.api.UserErrorCodes;
import io.apay.user.api.dto.UserContactView;
import io.apay.user.server.dal.dataobject.AppUserDO;
import io.apay.user.server.dal.mapper.AppUserMapper;
import org.springframework.stereotype.Service;

/** What other services ask about a user before a sensitive step: the phone, two-factor, and a code check. */
@Service
public class UserSecurityService {

    private final AppUserMapper users;
    private final TotpService totp;

    public UserSecurityService(AppUserMapper users, TotpService totp) {
        this.users = users;
        this.totp = totp;
    }

    public UserContactView contact(long userId) {
        AppUserDO user = users.selectById(userId);
        if (user == null) {
            throw new ServiceException(UserErrorCodes.USER_NOT_FOUND);
        }
        return view(user);
    }

    public UserContactView byPhone(String rawPhone) {
        AppUserDO user = users.selectOne(new LambdaQueryWrapper<AppUserDO>().eq(AppUserDO::getPhone, PhoneNumbers.normalize(rawPhone)));
        if (user == null) {
            throw new ServiceException(UserErrorCodes.USER_NOT_FOUND);
        }
        return view(user);
    }

    /**
     * Checks and consumes the code, as the user's own verify does (the same step is never accepted twice, and wrong
     * codes count towards the same lock). Locked: {@link UserErrorCodes#TOTP_LOCKED} is thrown, not answered false,
     * so the caller can tell the user to wait instead of to retype.
     */
    public boolean verifyTotp(long userId, String code) {
        try {
            totp.verify(userId, code);
            return true;
        } catch (ServiceException e) {
            if (e.code() == UserErrorCodes.TOTP_INVALID.code()) {
                return false;
            }
            throw e;
        }
    }

    private static UserContactView view(AppUserDO user) {
        return new UserContactView(user.getId(), user.getPhone(), Boolean.TRUE.equals(user.getTotpEnabled()), user.getStatus());
    }
}
