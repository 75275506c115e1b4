package io.apay.chainbridge.api;

import io.apay.common.core.error.ErrorCodeRange;
import io.apay.common.test.ErrorCodeContract;
import org.junit.jupiter.api.Test;

class ChainBridgeErrorCodesTest {

    @Test
    void codesAreInTheChainBridgeRangeUniqueAndDocumented() {
        ErrorCodeContract.check(ChainBridgeErrorCodes.class, ErrorCodeRange.CHAIN_BRIDGE);
    }
}
