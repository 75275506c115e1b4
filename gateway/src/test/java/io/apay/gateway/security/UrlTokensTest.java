package io.apay.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class UrlTokensTest {

    @Test
    void theTokenQueryParameterIsDroppedAndEverythingElseIsForwardedUnchanged() {
        URI upgrade = URI.create("http://gw/ws/monitor?deviceId=d-1&ts=1764150000000&token=abc%2Bdef&sig=x%2By%3D");
        assertThat(UrlTokens.strip(upgrade).toString())
                .isEqualTo("http://gw/ws/monitor?deviceId=d-1&ts=1764150000000&sig=x%2By%3D");
        // the name as the token filter reads it: decoded
        assertThat(UrlTokens.strip(URI.create("http://gw/ws/monitor?%74oken=abc&token=def&deviceId=d-1")).toString())
                .isEqualTo("http://gw/ws/monitor?deviceId=d-1");
        assertThat(UrlTokens.strip(URI.create("http://gw/ws/monitor?token=abc")).toString()).isEqualTo("http://gw/ws/monitor");
        URI plain = URI.create("http://gw/app-api/user/profile?userId=7&tokens=2");
        assertThat(UrlTokens.strip(plain)).isSameAs(plain);
    }
}
