package io.apay.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The canonical string of docs/app-signature.md: method, raw path and RFC 3986-encoded, sorted parameters. */
class CanonicalRequestTest {

    @Test
    void keysAndValuesAreEncodedPerRfc3986InUtf8() {
        assertThat(CanonicalRequest.encode("AZaz09-._~")).isEqualTo("AZaz09-._~");
        assertThat(CanonicalRequest.encode("a b+c,d=e&f/g:h%")).isEqualTo("a%20b%2Bc%2Cd%3De%26f%2Fg%3Ah%25");
        assertThat(CanonicalRequest.encode("é€\n")).isEqualTo("%C3%A9%E2%82%AC%0A");
    }

    @Test
    void theStringIsMethodPathAndTheSortedEncodedParametersWithoutSign() {
        Map<String, String> params = CanonicalRequest.parameters("b=2&a%20b=x&sign=00&a=1%2Cb%3D2", "application/json",
                "{\"é\":\"v\",\"a~\":1.50,\"n\":null}".getBytes(StandardCharsets.UTF_8));
        // sorted by the encoded keys' bytes: "%C3%A9" first (%, 0x25), then "a" < "a%20b" < "a~" < "b" < "n"
        assertThat(CanonicalRequest.canonicalString("POST", "/app-api/x/%E4%B8%AD", params))
                .isEqualTo("POST\n/app-api/x/%E4%B8%AD\n%C3%A9=v&a=1%2Cb%3D2&a%20b=x&a~=1.50&b=2&n=null");
    }

    @Test
    void aValueHoldingSeparatorsDoesNotCollideWithTwoParameters() {
        String one = CanonicalRequest.canonicalString("GET", "/p", CanonicalRequest.parameters("x=1%2Cy%3D2", null, new byte[0]));
        String two = CanonicalRequest.canonicalString("GET", "/p", CanonicalRequest.parameters("x=1&y=2", null, new byte[0]));
        String amp = CanonicalRequest.canonicalString("GET", "/p", CanonicalRequest.parameters("x=1%26y%3D2", null, new byte[0]));
        assertThat(one).isNotEqualTo(two).isNotEqualTo(amp);
        assertThat(two).isNotEqualTo(amp);
    }

    @Test
    void aSignedJsonOrFormBodyIsUtf8OrRefused() {
        byte[] json = "{\"a\":\"1\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] form = "a=1".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // the gateway reads the body as UTF-8; a service would honour another charset and read other fields
        for (String type : java.util.List.of("application/json; charset=UTF-16", "application/json;charset=\"iso-8859-1\"",
                "application/json; charset=utf-8; charset=utf-16", "application/json; charset=", "application/json; charset=utf8")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> CanonicalRequest.parameters(null, type, json)).as(type)
                    .isInstanceOfSatisfying(io.apay.common.core.error.ServiceException.class,
                            e -> assertThat(e.errorCode().code()).isEqualTo(11092));
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> CanonicalRequest.parameters(null, "application/x-www-form-urlencoded; charset=ISO-8859-1", form))
                .isInstanceOfSatisfying(io.apay.common.core.error.ServiceException.class,
                        e -> assertThat(e.errorCode().code()).isEqualTo(11092));
        for (String type : java.util.List.of("application/json", "application/json; charset=UTF-8", "Application/JSON;Charset=\"utf-8\"")) {
            assertThat(CanonicalRequest.parameters(null, type, json)).as(type).containsEntry("a", "1");
        }
        assertThat(CanonicalRequest.parameters(null, "application/x-www-form-urlencoded;charset=utf-8", form)).containsEntry("a", "1");
        // no body, or a body the signature binds by its SHA-256 only: nothing is decoded, nothing to refuse
        assertThat(CanonicalRequest.parameters("a=1", "application/json; charset=UTF-16", new byte[0])).containsEntry("a", "1");
        assertThat(CanonicalRequest.parameters("a=1", "text/plain; charset=UTF-16", json)).containsOnlyKeys("a");
    }
}
