package io.apay.otc.api;

import io.apay.common.core.error.ErrorCodeRange;
import io.apay.common.test.ErrorCodeContract;
import org.junit.jupiter.api.Test;

class OtcErrorCodesTest {

    @Test
    void codesAreInTheOtcRangeUniqueAndDocumented() {
        ErrorCodeContract.check(OtcErrorCodes.class, ErrorCodeRange.OTC);
    }
}
