package io.apay.user.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.apay.common.core.error.ErrorCodeRange;
import io.apay.common.test.ErrorCodeContract;
import org.junit.jupiter.api.Test;

class UserApiContractTest {

    @Test
    void errorCodesFollowTheContract() {
        ErrorCodeContract.check(UserErrorCodes.class, ErrorCodeRange.USER);
    }

    @Test
    void tokenIdsAreTheSha256OfTheToken() {
        assertThat(LoginTokens.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
