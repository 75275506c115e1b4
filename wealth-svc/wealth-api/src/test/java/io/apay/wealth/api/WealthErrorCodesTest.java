package io.apay.wealth.api;

import io.apay.common.core.error.ErrorCodeRange;
import io.apay.common.test.ErrorCodeContract;
import org.junit.jupiter.api.Test;

class WealthErrorCodesTest {

    @Test
    void codesAreInTheWealthRangeUniqueAndDocumented() {
        ErrorCodeContract.check(WealthErrorCodes.class, ErrorCodeRange.WEALTH);
    }
}
