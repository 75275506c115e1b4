package io.apay.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CidrTest {

    @Test
    void matchesAddressesInsideTheBlockOnly() {
        AdminTokenFilter.Cidr net = AdminTokenFilter.Cidr.parse("10.9.9.0/24");
        assertThat(net.contains("10.9.9.1")).isTrue();
        assertThat(net.contains("10.9.9.255")).isTrue();
        assertThat(net.contains("10.9.8.1")).isFalse();
        assertThat(net.contains("::1")).isFalse();
        assertThat(net.contains("not-an-ip")).isFalse();
        assertThat(AdminTokenFilter.Cidr.parse("203.0.113.7").contains("203.0.113.7")).isTrue();
        assertThat(AdminTokenFilter.Cidr.parse("203.0.113.7").contains("203.0.113.8")).isFalse();
        assertThat(AdminTokenFilter.Cidr.parse("2001:db8::/32").contains("2001:db8:1::5")).isTrue();
    }
}
