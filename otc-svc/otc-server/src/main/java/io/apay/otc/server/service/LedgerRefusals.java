package io.apay.otc.server.service;

import io.apay.common.core.error.CommonErrorCodes;
import io.apay.common.core.error.ServiceException;
import io.apay.ledger.api.LedgerErrorCodes;
import io.apay.otc.api.OtcErrorCodes;

/** What a client of otc-svc is told when the ledger refused a step: otc's own code, never the ledger's wording. */
final class LedgerRefusals {

    private LedgerRefusals() {
    }

    static ServiceException toOtc(ServiceException ledgerRefusal) {
        int code = ledgerRefusal.code();
        if (code == LedgerErrorCodes.INSUFFICIENT_BALANCE.code()) {
            return new ServiceException(OtcErrorCodes.INSUFFICIENT_COIN);
        }
        if (code == LedgerErrorCodes.UNKNOWN_COIN.code() || code == LedgerErrorCodes.FEE_SCHEDULE_NOT_FOUND.code()) {
            return new ServiceException(OtcErrorCodes.UNSUPPORTED_CURRENCY);
        }
        return new ServiceException(CommonErrorCodes.CONFLICT, "the ledger refused this step");
    }
}
