package io.apay.ledger.api;

import io.apay.common.core.error.ErrorCodeRange;
import io.apay.common.test.ErrorCodeContract;
import org.junit.jupiter.api.Test;

class LedgerErrorCodesTest {

    @Test
    void codesAreInTheLedgerRangeUniqueAndDocumented() {
        ErrorCodeContract.check(LedgerErrorCodes.class, ErrorCodeRange.LEDGER);
    }
}
