package io.apay.push.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.apay.common.core.error.ErrorCodeRange;
import io.apay.common.test.ErrorCodeContract;
import io.apay.push.api.event.AcceptorPresenceRule;
import org.junit.jupiter.api.Test;

class PushErrorCodesTest {

    @Test
    void codesAreInPushRangeUniqueAndDocumented() {
        ErrorCodeContract.check(PushErrorCodes.class, ErrorCodeRange.PUSH);
    }

    @Test
    void presenceRuleOrdersByEpochThenOnlineBeforeOffline() {
        assertThat(AcceptorPresenceRule.isNewer(6, true, 5, false)).isTrue();   // a newer connection
        assertThat(AcceptorPresenceRule.isNewer(5, false, 5, true)).isTrue();   // its own end
        assertThat(AcceptorPresenceRule.isNewer(5, false, 6, true)).isFalse();  // a late offline of an old socket
        assertThat(AcceptorPresenceRule.isNewer(5, true, 5, false)).isFalse();  // a late online of an ended one
        assertThat(AcceptorPresenceRule.isNewer(5, true, 5, true)).isFalse();   // a duplicate
    }
}
