package io.apay.wallet.server.service;

import io.apay.common.core.error.CommonErrorCodes;
import io.apay.common.core.error.ErrorCode;
import io.apay.common.core.error.ServiceException;
import io.apay.ledger.api.LedgerErrorCodes;
import io.apay.wallet.api.WalletErrorCodes;
import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.Map;

/** What a client of wallet-svc is told when the ledger refused a step: the wallet's own code. */
final class WalletRefusals {

    private static final Map<Integer, ErrorCode> WALLET_CODES = new HashMap<>();

    static {
        for (Field f : WalletErrorCodes.class.getFields()) {
            try {
                ErrorCode c = (ErrorCode) f.get(null);
                WALLET_CODES.put(c.code(), c);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private WalletRefusals() {
    }

    static ErrorCode fromLedger(ServiceException ledgerRefusal) {
        int code = ledgerRefusal.code();
        if (code == LedgerErrorCodes.INSUFFICIENT_BALANCE.code()) {
            return WalletErrorCodes.INSUFFICIENT_BALANCE;
        }
        if (code == LedgerErrorCodes.UNKNOWN_COIN.code()) {
            return WalletErrorCodes.NETWORK_COIN_UNSUPPORTED;
        }
        return CommonErrorCodes.CONFLICT;
    }

    /** The error a stored refusal answered (a retry of the same request gets the same answer). */
    static ServiceException replay(Integer code) {
        ErrorCode known = code == null ? null : WALLET_CODES.get(code);
        return new ServiceException(known != null ? known : CommonErrorCodes.CONFLICT);
    }
}
