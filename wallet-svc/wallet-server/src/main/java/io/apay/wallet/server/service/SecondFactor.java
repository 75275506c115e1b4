package io.apay.wallet.server.service;

import io.apay.common.core.error.ServiceException;
import io.apay.common.rpc.RemoteOutcome;
import io.apay.sms.api.SmsApi;
import io.apay.sms.api.SmsPurpose;
import io.apay.sms.api.dto.VerifyCodeRequest;
import io.apay.user.api.UserErrorCodes;
import io.apay.user.api.UserSecurityApi;
import io.apay.user.api.dto.TotpCheckRequest;
import io.apay.user.api.dto.UserContactView;
import io.apay.wallet.api.WalletErrorCodes;
import org.springframework.stereotype.Component;

/**
 * An app user confirms a money step: two-factor must be on and the code right (user-svc consumes it), and above the
 * coin's SMS threshold an SMS code of purpose SENSITIVE_OPERATION sent to the user's own phone (sms-svc). Every check
 * runs before anything is written or held.
 */
@Component
public class SecondFactor {

    private final UserSecurityApi users;
    private final SmsApi sms;

    public SecondFactor(UserSecurityApi users, SmsApi sms) {
        this.users = users;
        this.sms = sms;
    }

    public void confirm(long userId, String totpCode, boolean smsNeeded, String smsCode) {
        UserContactView user = Remote.check("user " + userId, () -> users.contact(userId).checkedData());
        if (!"ACTIVE".equals(user.status())) {
            throw new ServiceException(WalletErrorCodes.ACCOUNT_FROZEN);
        }
        if (!user.totpEnabled()) {
            throw new ServiceException(WalletErrorCodes.TWO_FACTOR_REQUIRED);
        }
        // asked before the two-factor code is used up, so a missing SMS code costs the user nothing
        if (smsNeeded && (smsCode == null || smsCode.isBlank())) {
            throw new ServiceException(WalletErrorCodes.SMS_CODE_REQUIRED);
        }
        RemoteOutcome<Boolean> totp = RemoteOutcome.of(() -> users.verifyTotp(userId, new TotpCheckRequest(totpCode)).checkedData());
        if (totp.refusalCode() == UserErrorCodes.TOTP_NOT_ENABLED.code()) {
            throw new ServiceException(WalletErrorCodes.TWO_FACTOR_REQUIRED);
        }
        if (totp instanceof RemoteOutcome.Refused<Boolean> refused && refused.error().code() == UserErrorCodes.TOTP_LOCKED.code()) {
            // too many wrong codes: user-svc's message says how long is left ("try again in 840 s"), so the user waits
            throw new ServiceException(WalletErrorCodes.TWO_FACTOR_LOCKED, refused.error().clientMessage());
        }
        if (!Boolean.TRUE.equals(Remote.value("two-factor check", totp))) {
            throw new ServiceException(WalletErrorCodes.TOTP_CODE_INVALID);
        }
        if (smsNeeded) {
            Remote.check("sms code of user " + userId, () ->
                    sms.verify(new VerifyCodeRequest(user.phone(), SmsPurpose.SENSITIVE_OPERATION, smsCode)).checkedData());
        }
    }
}
