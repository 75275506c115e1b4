package io.apay.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AccessLogConfigTest {

    @Test
    void everyQueryValueIsMaskedWhateverItsName() {
        assertThat(AccessLogConfig.target("/ws/monitor?token=abc.def&deviceId=d-1&%74oken=x&sig=token%3D1"))
                .isEqualTo("/ws/monitor?token=****&deviceId=****&%74oken=****&sig=****");
        assertThat(AccessLogConfig.target("/cashier/?o=Zq8secret")).isEqualTo("/cashier/?o=****");
        assertThat(AccessLogConfig.target("/files/user/kyc/7/a.jpg?expires=1764151200&signature=5f3a"))
                .isEqualTo("/files/user/kyc/7/a.jpg?expires=****&signature=****");
        // a pair without '=' may be a bare secret: masked whole
        assertThat(AccessLogConfig.target("/x?Zq8secret&a=&&b=1")).isEqualTo("/x?****&a=****&****&b=****");
        assertThat(AccessLogConfig.target("/x?")).isEqualTo("/x?");
        assertThat(AccessLogConfig.target("/app-api/user/profile")).isEqualTo("/app-api/user/profile");
    }

    @Test
    void theCashierTokenInThePathIsMasked() {
        assertThat(AccessLogConfig.target("/cashier/api/orders/Zq8secret")).isEqualTo("/cashier/api/orders/****");
        assertThat(AccessLogConfig.target("/cashier/api/orders/Zq8secret/x?y=1")).isEqualTo("/cashier/api/orders/****/x?y=****");
        assertThat(AccessLogConfig.target("/Cashier/API/orders/Zq8secret")).isEqualTo("/Cashier/API/orders/****");
        assertThat(AccessLogConfig.target("/cashier/assets/app.js")).isEqualTo("/cashier/assets/app.js");
    }
}
