package io.apay.wallet.api;

import io.apay.common.core.error.ErrorCodeRange;
import io.apay.common.test.ErrorCodeContract;
import org.junit.jupiter.api.Test;

class WalletErrorCodesTest {

    @Test
    void codesAreInTheWalletRangeUniqueAndDocumented() {
        ErrorCodeContract.check(WalletErrorCodes.class, ErrorCodeRange.WALLET);
    }
}
