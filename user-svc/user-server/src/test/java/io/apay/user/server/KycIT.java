package io.apay.user.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.apay.common.test.ApayIntegrationTest;
import io.apay.common.test.MutableClock;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

@ApayIntegrationTest
@Import(UserTestSupport.Clocks.class)
class KycIT extends UserTestSupport {

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    static final byte[] PDF = "%PDF-1.7\n%fake but well-started\n".getBytes();

    @Autowired MutableClock clock;
    @Autowired JdbcTemplate jdbc;

    Reply upload(Session s, String docType, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/app-api/user/kyc/documents?docType=" + docType))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (s != null) {
            b.header("X-Apay-User-Id", Long.toString(s.userId()));
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), MAPPER.readTree(r.body()));
    }

    /** Follows a file link the way a browser would, against this service (the gateway routes /files/user/**). */
    HttpResponse<byte[]> open(String url) throws Exception {
        URI u = URI.create(url);
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + u.getRawPath() + "?" + u.getRawQuery())).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void uploadedDocumentsAreReadThroughLinksThatExpire() throws Exception {
        Session s = register("+8613500000001", "goodPass123", "d");
        Reply up = upload(s, "ID_FRONT", "image/png", PNG);
        assertThat(up.status()).isEqualTo(200);
        assertThat(up.data().get("status").asText()).isEqualTo("SUBMITTED");
        String url = up.data().get("url").asText();
        assertThat(url).startsWith("http://gateway.test/files/user/kyc/" + s.userId() + "/").contains("expires=").contains("signature=");

        HttpResponse<byte[]> file = open(url);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(PNG);
        assertThat(file.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("image/png"));
        assertThat(file.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));

        assertThat(open(url.replaceAll("signature=[0-9a-f]{8}", "signature=00000000")).statusCode()).isEqualTo(403);
        clock.advance(Duration.ofMinutes(11));
        assertThat(open(url).statusCode()).isEqualTo(403);

        Reply list = get("/app-api/user/kyc/documents", s);
        assertThat(list.data()).hasSize(1);
        assertThat(open(list.data().get(0).get("url").asText()).statusCode()).isEqualTo(200); // a fresh link
        assertThat(jdbc.queryForObject("SELECT sha256 FROM kyc_document WHERE user_id = ?", String.class, s.userId())).hasSize(64);
    }

    @Test
    void sizeAndTypeAreCheckedByContentNotByClaim() throws Exception {
        Session s = register("+8613500000002", "goodPass123", "d");
        assertThat(upload(s, "PASSPORT", "application/pdf", PDF).status()).isEqualTo(200);

        Reply text = upload(s, "PASSPORT", "image/png", "hello, I am not a picture".getBytes());
        assertThat(text.status()).isEqualTo(415);
        assertThat(text.code()).isEqualTo(12031);

        Reply lying = upload(s, "PASSPORT", "image/png", PDF);
        assertThat(lying.code()).isEqualTo(12031);

        Reply empty = upload(s, "PASSPORT", "image/png", new byte[0]);
        assertThat(empty.code()).isEqualTo(12032);

        byte[] big = new byte[5 * 1024 * 1024 + 1];
        System.arraycopy(PNG, 0, big, 0, PNG.length);
        Reply tooBig = upload(s, "PASSPORT", "image/png", big);
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(tooBig.code()).isEqualTo(12030);

        Reply badType = upload(s, "DRIVING_LICENCE", "image/png", PNG);
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.code()).isEqualTo(10004);

        assertThat(upload(null, "PASSPORT", "image/png", PNG).status()).isEqualTo(401);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM kyc_document WHERE user_id = ?", Integer.class, s.userId())).isEqualTo(1);
    }
}
