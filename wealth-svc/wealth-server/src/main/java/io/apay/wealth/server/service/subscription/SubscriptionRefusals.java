package io.apay.wealth.server.service.subscription;

import io.apay.common.core.error.CommonErrorCodes;
import io.apay.common.core.error.ErrorCode;
import io.apay.common.core.error.ServiceException;
import io.apay.ledger.api.LedgerErrorCodes;
import io.apay.wealth.api.WealthErrorCodes;
import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.Map;

/** What a subscriber is told when the ledger refused to lock their coin: wealth's own code, never the ledger's text. */
final class SubscriptionRefusals {

    private static final Map<Integer, ErrorCode> WEALTH_CODES = new HashMap<>();

    static {
        for (Field f : WealthErrorCodes.class.getFields()) {
            try {
                ErrorCode c = (ErrorCode) f.get(null);
                WEALTH_CODES.put(c.code(), c);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private SubscriptionRefusals() {
    }

    static ErrorCode fromLedger(ServiceException ledgerRefusal) {
        int code = ledgerRefusal.code();
        if (code == LedgerErrorCodes.INSUFFICIENT_BALANCE.code()) {
            return WealthErrorCodes.INSUFFICIENT_BALANCE;
        }
        if (code == LedgerErrorCodes.UNKNOWN_COIN.code()) {
            return WealthErrorCodes.COIN_UNKNOWN;
        }
        return CommonErrorCodes.CONFLICT;
    }

    /** The error a stored refusal answered: a retry of the same request gets the same answer. */
    static ServiceException replay(Integer code) {
        ErrorCode known = code == null ? null : WEALTH_CODES.get(code);
        return new ServiceException(known != null ? known : CommonErrorCodes.CONFLICT);
    }
}
