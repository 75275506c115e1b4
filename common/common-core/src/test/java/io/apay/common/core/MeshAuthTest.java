package io.apay.common.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apay.common.core.security.MeshAuth;
import io.apay.common.core.security.MeshAuth.Result;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MeshAuthTest {

    static final long NOW = 1_790_000_000_000L;
    final String key = SecretCipherTest.newKey();
    final MeshAuth mesh = MeshAuth.of(key, null);

    static Map<String, List<String>> headers(String... nameValues) {
        Map<String, List<String>> h = new HashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            h.put(nameValues[i], List.of(nameValues[i + 1]));
        }
        return h;
    }

    @Test
    void aSignedRequestVerifiesWhateverTheHeaderCaseAndOrder() {
        String auth = mesh.sign(NOW, "POST", "/admin-api/merchant/merchants", headers(
                "X-Apay-Operator-Id", "7", "X-Apay-Operator-Roles", "SUPER_ADMIN", "Content-Type", "application/json"));
        assertThat(auth).matches("\\d+\\.[0-9a-f]{64}");
        assertThat(mesh.verify(auth, NOW + 1000, "post", "/admin-api/merchant/merchants", headers(
                "x-apay-operator-roles", "SUPER_ADMIN", "x-apay-operator-id", " 7 ", "X-Trace-Id", "abc")))
                .isEqualTo(Result.VALID);
    }

    @Test
    void aForgedOrChangedIdentityHeaderBreaksIt() {
        Map<String, List<String>> signed = headers("X-Apay-User-Id", "7", "X-Apay-Client-Ip", "10.0.0.1");
        String auth = mesh.sign(NOW, "GET", "/app-api/user/me", signed);
        assertThat(mesh.verify(auth, NOW, "GET", "/app-api/user/me", headers("X-Apay-User-Id", "8", "X-Apay-Client-Ip", "10.0.0.1")))
                .isEqualTo(Result.INVALID);
        Map<String, List<String>> added = new HashMap<>(signed);
        added.put("X-Apay-Operator-Id", List.of("1"));
        assertThat(mesh.verify(auth, NOW, "GET", "/app-api/user/me", added)).isEqualTo(Result.INVALID);
        assertThat(mesh.verify(auth, NOW, "GET", "/app-api/user/me", headers("X-Apay-User-Id", "7"))).isEqualTo(Result.INVALID);
    }

    @Test
    void methodAndPathAreBound() {
        String auth = mesh.sign(NOW, "GET", "/rpc-api/user/app-clients/a", Map.of());
        assertThat(mesh.verify(auth, NOW, "GET", "/rpc-api/user/app-clients/a", Map.of())).isEqualTo(Result.VALID);
        assertThat(mesh.verify(auth, NOW, "POST", "/rpc-api/user/app-clients/a", Map.of())).isEqualTo(Result.INVALID);
        assertThat(mesh.verify(auth, NOW, "GET", "/rpc-api/user/app-clients/b", Map.of())).isEqualTo(Result.INVALID);
    }

    @Test
    void staleOrFutureCredentialsAreRefused() {
        String auth = mesh.sign(NOW, "GET", "/rpc-api/x", Map.of());
        assertThat(mesh.verify(auth, NOW + 60_000, "GET", "/rpc-api/x", Map.of())).isEqualTo(Result.VALID);
        assertThat(mesh.verify(auth, NOW + 60_001, "GET", "/rpc-api/x", Map.of())).isEqualTo(Result.INVALID);
        assertThat(mesh.verify(auth, NOW - 60_001, "GET", "/rpc-api/x", Map.of())).isEqualTo(Result.INVALID);
    }

    @Test
    void anotherKeyOrGarbageIsInvalidAndNothingIsMissing() {
        String foreign = MeshAuth.of(SecretCipherTest.newKey(), null).sign(NOW, "GET", "/rpc-api/x", Map.of());
        assertThat(mesh.verify(foreign, NOW, "GET", "/rpc-api/x", Map.of())).isEqualTo(Result.INVALID);
        for (String garbage : List.of("x", "1.2", NOW + ".zz", "." + "a".repeat(64), NOW + "." + "g".repeat(64))) {
            assertThat(mesh.verify(garbage, NOW, "GET", "/rpc-api/x", Map.of())).as(garbage).isEqualTo(Result.INVALID);
        }
        assertThat(mesh.verify(null, NOW, "GET", "/rpc-api/x", Map.of())).isEqualTo(Result.MISSING);
        assertThat(mesh.verify(" ", NOW, "GET", "/rpc-api/x", Map.of())).isEqualTo(Result.MISSING);
    }

    @Test
    void aRotationAcceptsTheOtherKeyWhileSigningWithItsOwn() {
        String next = SecretCipherTest.newKey();
        MeshAuth old = MeshAuth.of(key, next);
        MeshAuth rotated = MeshAuth.of(next, key);
        assertThat(old.verify(rotated.sign(NOW, "GET", "/p", Map.of()), NOW, "GET", "/p", Map.of())).isEqualTo(Result.VALID);
        assertThat(rotated.verify(old.sign(NOW, "GET", "/p", Map.of()), NOW, "GET", "/p", Map.of())).isEqualTo(Result.VALID);
        assertThat(MeshAuth.of(next, null).verify(old.sign(NOW, "GET", "/p", Map.of()), NOW, "GET", "/p", Map.of()))
                .isEqualTo(Result.INVALID);
    }

    @Test
    void refusesToWorkWithoutAProperKey() {
        assertThatThrownBy(() -> MeshAuth.of(null, null)).hasMessageContaining("apay.mesh.key");
        assertThatThrownBy(() -> MeshAuth.of(" ", null)).hasMessageContaining("openssl rand -base64 32");
        assertThatThrownBy(() -> MeshAuth.of("c2hvcnQ=", null)).hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> MeshAuth.of("not base64!", null)).hasMessageContaining("not base64");
    }
}
