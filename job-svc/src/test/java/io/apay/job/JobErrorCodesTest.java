package io.apay.job;

import io.apay.common.core.error.ErrorCodeRange;
import io.apay.common.test.ErrorCodeContract;
import org.junit.jupiter.api.Test;

class JobErrorCodesTest {

    @Test
    void errorCodesFollowTheContract() {
        ErrorCodeContract.check(JobErrorCodes.class, ErrorCodeRange.JOB);
    }
}
