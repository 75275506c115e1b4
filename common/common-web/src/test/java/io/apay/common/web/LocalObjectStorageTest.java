package io.apay.common.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apay.common.web.storage.LocalObjectStorage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalObjectStorageTest {

    @TempDir
    Path root;

    final Instant now = Instant.parse("2026-11-26T10:00:00Z");

    LocalObjectStorage storage(Instant at) {
        return new LocalObjectStorage(root, "http://gw:8080/files/", "user", "k".repeat(32).getBytes(), Clock.fixed(at, ZoneOffset.UTC));
    }

    static Map<String, String> query(URI uri) {
        return Stream.of(uri.getQuery().split("&")).map(p -> p.split("=", 2)).collect(Collectors.toMap(p -> p[0], p -> p[1]));
    }

    @Test
    void aLinkOpensItsFileUntilItExpires() throws Exception {
        storage(now).put("kyc/42/abc.png", new byte[] {1, 2, 3}, "image/png");
        URI link = storage(now).temporaryUrl("kyc/42/abc.png", Duration.ofMinutes(10));
        assertThat(link.getPath()).isEqualTo("/files/user/kyc/42/abc.png");
        Map<String, String> q = query(link);
        long expires = Long.parseLong(q.get("expires"));

        assertThat(storage(now.plusSeconds(599)).open("kyc/42/abc.png", expires, q.get("signature")))
                .hasValueSatisfying(p -> assertThat(p).hasBinaryContent(new byte[] {1, 2, 3}));
        assertThat(storage(now.plusSeconds(601)).open("kyc/42/abc.png", expires, q.get("signature"))).isEmpty();
    }

    @Test
    void aTamperedLinkOpensNothing() {
        storage(now).put("kyc/42/abc.png", new byte[] {1}, "image/png");
        storage(now).put("kyc/43/def.png", new byte[] {2}, "image/png");
        Map<String, String> q = query(storage(now).temporaryUrl("kyc/42/abc.png", Duration.ofMinutes(10)));
        long expires = Long.parseLong(q.get("expires"));
        assertThat(storage(now).open("kyc/43/def.png", expires, q.get("signature"))).isEmpty(); // another file
        assertThat(storage(now).open("kyc/42/abc.png", expires + 3600, q.get("signature"))).isEmpty(); // longer life
        assertThat(storage(now).open("kyc/42/abc.png", expires, "0".repeat(64))).isEmpty();
    }

    @Test
    void keysCannotEscapeTheRoot() {
        assertThatThrownBy(() -> storage(now).put("../etc/passwd.txt", new byte[] {1}, "text/plain")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage(now).put("kyc/../../x.png", new byte[] {1}, "image/png")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Files.exists(root.getParent().resolve("etc"))).isFalse();
    }
}
