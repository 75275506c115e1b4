package io.apay.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Register, log in (password, SMS code, two-factor), manage sessions and upload a KYC document as an app does:
 * through the real gateway, user-svc and sms-svc, on the real MariaDB and Redis.
 */
class IdentityFlowIT {

    static Mesh mesh;
    static RedissonClient redis;
    static AppClient app;

    @BeforeAll
    static void up() throws Exception {
        SharedMesh.Identity identity = SharedMesh.identity();
        mesh = identity.mesh();
        redis = identity.redis();
        app = new AppClient(mesh.gateway(), identity.appKey(), identity.appSecret());
    }

    /** The code the phone received, from the local SMS provider's dev mailbox. */
    static String smsCode(String phone) {
        return codeFor(SharedMesh.identity, phone);
    }

    static String codeFor(SharedMesh.Identity identity, String phone) {
        List<String> box = identity.redis().<String>getList(identity.mesh().redisPrefix() + "sms-dev-mailbox:" + phone,
                StringCodec.INSTANCE).readAll();
        assertThat(box).as("messages to " + phone).isNotEmpty();
        Matcher m = Pattern.compile("(\\d{6})").matcher(box.get(0));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    static String totp(String secret, long stepOffset) throws Exception {
        return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret, System.currentTimeMillis() / 30_000 + stepOffset);
    }

    @Test
    void anAppUsersWholeIdentityJourney() throws Exception {
        String phone = "+8613312345678";

        // 1. a code, then registration
        AppClient.Reply sent = app.post("/app-api/sms/codes", Map.of("phone", phone, "purpose", "REGISTER", "locale", "en"));
        assertThat(sent.status()).as(sent.body().toString()).isEqualTo(200);
        AppClient.Reply registered = app.post("/app-api/user/auth/register", Map.of("phone", phone, "smsCode", smsCode(phone),
                "password", "correct-horse-42", "deviceId", "pixel-8", "deviceName", "Pixel 8"));
        assertThat(registered.status()).as(registered.body().toString()).isEqualTo(200);
        long userId = registered.data().get("userId").asLong();
        app.token = registered.data().get("token").asText();

        AppClient.Reply profile = app.get("/app-api/user/profile");
        assertThat(profile.data().get("userId").asLong()).isEqualTo(userId);
        assertThat(profile.data().get("phone").asText()).isEqualTo(phone);

        // 2. log in again with the password on a second device, and with an SMS code on a third
        app.token = null;
        AppClient.Reply byPassword = app.post("/app-api/user/auth/login/password",
                Map.of("phone", phone, "password", "correct-horse-42", "deviceId", "ipad"));
        assertThat(byPassword.status()).isEqualTo(200);
        Thread.sleep(1100); // one code per phone per resend interval (1 s in this test, a minute by default)
        assertThat(app.post("/app-api/sms/codes", Map.of("phone", phone, "purpose", "LOGIN")).status()).isEqualTo(200);
        AppClient.Reply bySms = app.post("/app-api/user/auth/login/sms",
                Map.of("phone", phone, "smsCode", smsCode(phone), "deviceId", "laptop"));
        assertThat(bySms.status()).as(bySms.body().toString()).isEqualTo(200);
        app.token = bySms.data().get("token").asText();
        assertThat(app.get("/app-api/user/auth/devices").data().findValuesAsText("deviceId"))
                .containsExactlyInAnyOrder("pixel-8", "ipad", "laptop");

        // 3. two-factor on, then login needs a code; the same code never works twice
        JsonNode binding = app.post("/app-api/user/totp/bind", null).data();
        String secret = binding.get("secret").asText();
        assertThat(app.post("/app-api/user/totp/confirm", Map.of("code", totp(secret, 0))).status()).isEqualTo(200);
        String token = app.token;
        app.token = null;
        AppClient.Reply noCode = app.post("/app-api/user/auth/login/password",
                Map.of("phone", phone, "password", "correct-horse-42", "deviceId", "ipad"));
        assertThat(noCode.code()).isEqualTo(12010);
        String next = totp(secret, 1);
        AppClient.Reply withCode = app.post("/app-api/user/auth/login/password",
                Map.of("phone", phone, "password", "correct-horse-42", "deviceId", "ipad", "totpCode", next));
        assertThat(withCode.status()).as(withCode.body().toString()).isEqualTo(200);
        AppClient.Reply sameCode = app.post("/app-api/user/auth/login/password",
                Map.of("phone", phone, "password", "correct-horse-42", "deviceId", "ipad", "totpCode", next));
        assertThat(sameCode.code()).isEqualTo(12011);
        app.token = token;

        // 4. a KYC document, read back through its expiring link via the gateway
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3};
        AppClient.Reply uploaded = app.upload("/app-api/user/kyc/documents", Map.of("docType", "ID_FRONT"), "image/png", png);
        assertThat(uploaded.status()).as(uploaded.body().toString()).isEqualTo(200);
        String link = uploaded.data().get("url").asText();
        assertThat(link).startsWith(mesh.gateway() + "/files/user/kyc/");
        HttpResponse<byte[]> file = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(link)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(png);

        // 5. log out everywhere: every token stops working at the gateway
        assertThat(app.post("/app-api/user/auth/logout-all", null).data().asInt()).isEqualTo(3);
        AppClient.Reply after = app.get("/app-api/user/profile");
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.code()).isEqualTo(11021);
    }
}
