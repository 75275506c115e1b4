package io.apay.sms.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apay.common.core.error.ErrorCodeRange;
import io.apay.common.core.error.ServiceException;
import io.apay.common.test.ErrorCodeContract;
import org.junit.jupiter.api.Test;

class SmsApiContractTest {

    @Test
    void errorCodesFollowTheContract() {
        ErrorCodeContract.check(SmsErrorCodes.class, ErrorCodeRange.SMS);
    }

    @Test
    void phoneNumbersAreNormalisedToE164() {
        assertThat(PhoneNumbers.normalize("138 0000 0000")).isEqualTo("+8613800000000");
        assertThat(PhoneNumbers.normalize("+1-415-555-0100")).isEqualTo("+14155550100");
        assertThat(PhoneNumbers.mask("+8613800001234")).isEqualTo("+86138****1234");
        for (String bad : new String[] {"", "12345", "+0123456789", "abc", "+86138000000001234567"}) {
            assertThatThrownBy(() -> PhoneNumbers.normalize(bad)).as(bad).isInstanceOf(ServiceException.class);
        }
    }
}
