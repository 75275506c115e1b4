package io.apay.common.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.apay.common.core.error.CommonErrorCodes;
import io.apay.common.core.error.ErrorCode;
import io.apay.common.core.error.ServiceException;
import org.junit.jupiter.api.Test;

class RemoteOutcomeTest {

    @Test
    void successIsDone() {
        assertThat(RemoteOutcome.of(() -> 42)).isEqualTo(new RemoteOutcome.Done<>(42));
    }

    @Test
    void aBusinessRefusalIsRefusedAndCarriesItsCode() {
        RemoteOutcome<Object> o = RemoteOutcome.of(() -> {
            throw new ServiceException(new ErrorCode(14001, 409, "insufficient balance"));
        });
        assertThat(o).isInstanceOf(RemoteOutcome.Refused.class);
        assertThat(o.refusalCode()).isEqualTo(14001);
    }

    @Test
    void timeoutsThrottlingEveryFiveHundredAndTransportErrorsAreUnknown() {
        for (ErrorCode code : new ErrorCode[] {CommonErrorCodes.SERVICE_UNAVAILABLE, CommonErrorCodes.UPSTREAM_TIMEOUT,
                CommonErrorCodes.INTERNAL_ERROR, CommonErrorCodes.TOO_MANY_REQUESTS, new ErrorCode(14051, 504, "unknown"),
                new ErrorCode(14050, 503, "busy"), new ErrorCode(10408, 408, "timeout")}) {
            RemoteOutcome<Object> o = RemoteOutcome.of(() -> {
                throw new ServiceException(code);
            });
            assertThat(o).as(code.toString()).isInstanceOf(RemoteOutcome.Unknown.class);
            assertThat(o.refusalCode()).isEqualTo(-1);
        }
        assertThat(RemoteOutcome.of(() -> {
            throw new IllegalStateException("connection reset");
        })).isInstanceOf(RemoteOutcome.Unknown.class);
    }
}
