package io.apay.common.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apay.common.core.net.IpRange;
import org.junit.jupiter.api.Test;

class IpRangeTest {

    @Test
    void matchesAddressesInsideTheBlockOnly() {
        IpRange net = IpRange.parse("10.9.9.0/24");
        assertThat(net.contains("10.9.9.1")).isTrue();
        assertThat(net.contains("10.9.9.255")).isTrue();
        assertThat(net.contains("10.9.8.1")).isFalse();
        assertThat(net.contains("::1")).isFalse();
        assertThat(net.contains("not-an-ip")).isFalse();
        assertThat(IpRange.parse("203.0.113.7").contains("203.0.113.7")).isTrue();
        assertThat(IpRange.parse("203.0.113.7").contains("203.0.113.8")).isFalse();
        assertThat(IpRange.parse("2001:db8::/32").contains("2001:db8:1::5")).isTrue();
        assertThat(IpRange.parse("0.0.0.0/0").contains("8.8.8.8")).isTrue();
    }

    @Test
    void onlyIpLiteralsAreAccepted() {
        for (String bad : new String[] {"example.com", "10.0.0.0/33", "10.0.0.0/x", "1.2.3.4/8/9", "", "localhost"}) {
            assertThatThrownBy(() -> IpRange.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
