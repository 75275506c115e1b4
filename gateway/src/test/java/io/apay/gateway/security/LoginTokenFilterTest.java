package io.apay.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class LoginTokenFilterTest {

    @Test
    void theTokenQueryParameterIsDroppedAndEverythingElseIsForwardedUnchanged() {
        URI upgrade = URI.create("http://gw/ws/monitor?deviceId=d-1&ts=1764150000000&token=abc%2Bdef&sig=x%2By%3D");
        assertThat(LoginTokenFilter.withoutTokenParameter(upgrade).toString())
                .isEqualTo("http://gw/ws/monitor?deviceId=d-1&ts=1764150000000&sig=x%2By%3D");
        URI plain = URI.create("http://gw/app-api/user/profile?userId=7");
        assertThat(LoginTokenFilter.withoutTokenParameter(plain)).isSameAs(plain);
    }
}
