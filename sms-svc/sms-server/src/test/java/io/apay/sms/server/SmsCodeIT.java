package io.apay.sms.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apay.common.core.redis.RedisKeys;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.common.test.MeshCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@ApayIntegrationTest(properties = {
        "apay.sms.log.dev-mailbox=true",
        "apay.sms.code-ttl=3s",
        "apay.sms.resend-interval=1s",
        "apay.sms.per-phone-daily=4",
        "apay.sms.per-ip-daily=5"})
class SmsCodeIT {

    @LocalServerPort int port;
    @Autowired RedissonClient redisson;
    @Autowired RedisKeys keys;
    @Autowired JdbcTemplate jdbc;

    final HttpClient http = MeshCredentials.signing(HttpClient.newHttpClient());
    final ObjectMapper mapper = new ObjectMapper();

    record Reply(int status, JsonNode body) {
    }

    Reply post(String path, String json, String clientIp) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (clientIp != null) {
            b.header("X-Apay-Client-Ip", clientIp);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), mapper.readTree(r.body()));
    }

    Reply send(String phone, String purpose, String ip) throws Exception {
        return post("/app-api/sms/codes", "{\"phone\":\"" + phone + "\",\"purpose\":\"" + purpose + "\",\"locale\":\"en\"}", ip);
    }

    Reply verify(String phone, String purpose, String code) throws Exception {
        return post("/rpc-api/sms/codes/verify", "{\"phone\":\"" + phone + "\",\"purpose\":\"" + purpose + "\",\"code\":\"" + code + "\"}", null);
    }

    /** The code the phone "received", read from the local dev mailbox. */
    String lastCode(String phone) {
        List<String> mailbox = redisson.<String>getList(keys.key("sms-dev-mailbox", phone), StringCodec.INSTANCE).readAll();
        assertThat(mailbox).isNotEmpty();
        Matcher m = Pattern.compile("code is (\\d{6})").matcher(mailbox.get(0));
        assertThat(m.find()).as(mailbox.get(0)).isTrue();
        return m.group(1);
    }

    @Test
    void aCodeVerifiesOnceForItsPurposeOnly() throws Exception {
        String phone = "+8613900000001";
        Reply sent = send("139 0000 0001", "REGISTER", "10.0.0.1");
        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.body().at("/data/expiresInSeconds").asLong()).isEqualTo(3);
        String code = lastCode(phone);

        assertThat(verify(phone, "LOGIN", code).body().get("code").asInt()).isEqualTo(13005); // other purpose
        assertThat(verify(phone, "REGISTER", code).status()).isEqualTo(200);
        assertThat(verify(phone, "REGISTER", code).body().get("code").asInt()).isEqualTo(13005); // single use
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sms_send_log WHERE phone = ? AND outcome = 'SENT'", Integer.class, phone)).isEqualTo(1);
        // only a hash is kept: the code appears nowhere in Redis but the dev mailbox
        assertThat(redisson.getKeys().getKeysStream().filter(k -> k.startsWith(keys.prefix() + "sms-code"))
                .map(k -> redisson.getMap(k, StringCodec.INSTANCE).readAllMap().toString())).noneMatch(v -> v.contains(code));
    }

    @Test
    void theStoredDigestCannotBeRecomputedWithoutTheDataKey() throws Exception {
        // 6 digits are a million guesses: a plain SHA-256 of phone|purpose|code read from Redis gives the live code
        String phone = "+8613900000009";
        assertThat(send(phone, "LOGIN", "198.51.100.9").status()).isEqualTo(200);
        String code = lastCode(phone);
        String stored = redisson.<String, String>getMap(keys.key("sms-code", "LOGIN", phone), StringCodec.INSTANCE).get("hash");
        String unkeyed = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest((phone + "|LOGIN|" + code).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(stored).isNotBlank().isNotEqualTo(unkeyed);
        assertThat(verify(phone, "LOGIN", code).status()).isEqualTo(200);
    }

    @Test
    void wrongCodesUseUpTheAttempts() throws Exception {
        String phone = "+8613900000002";
        send(phone, "LOGIN", null);
        String code = lastCode(phone);
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 4; i++) {
            Reply r = verify(phone, "LOGIN", wrong);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.body().get("code").asInt()).isEqualTo(13004);
        }
        assertThat(verify(phone, "LOGIN", wrong).body().get("code").asInt()).isEqualTo(13006); // the fifth
        assertThat(verify(phone, "LOGIN", code).body().get("code").asInt()).isEqualTo(13005); // gone, even the right one
    }

    @Test
    void aCodeExpires() throws Exception {
        String phone = "+8613900000003";
        send(phone, "LOGIN", null);
        String code = lastCode(phone);
        Thread.sleep(3300);
        assertThat(verify(phone, "LOGIN", code).body().get("code").asInt()).isEqualTo(13005);
    }

    @Test
    void limitsPerPhoneAndPerIp() throws Exception {
        String phone = "+8613900000004";
        assertThat(send(phone, "LOGIN", "10.0.0.9").status()).isEqualTo(200);
        Reply tooSoon = send(phone, "LOGIN", "10.0.0.9");
        assertThat(tooSoon.status()).isEqualTo(429);
        assertThat(tooSoon.body().get("code").asInt()).isEqualTo(13002);
        for (int i = 0; i < 3; i++) {
            Thread.sleep(1100);
            assertThat(send(phone, "LOGIN", "10.0.0.9").status()).isEqualTo(200);
        }
        Thread.sleep(1100);
        Reply daily = send(phone, "LOGIN", "10.0.0.9");
        assertThat(daily.status()).isEqualTo(429);
        assertThat(daily.body().get("code").asInt()).isEqualTo(13003);

        // the same network, other phones: the IP's daily budget (5 codes sent) runs out too
        assertThat(send("+8613900000005", "LOGIN", "10.0.0.9").status()).isEqualTo(200);
        Reply ipLimited = send("+8613900000006", "LOGIN", "10.0.0.9");
        assertThat(ipLimited.status()).isEqualTo(429);
        assertThat(ipLimited.body().get("code").asInt()).isEqualTo(13003);
        assertThat(send("+8613900000007", "LOGIN", "10.0.0.77").status()).isEqualTo(200);
    }

    @Test
    void badInputIsRefusedWithClearCodes() throws Exception {
        Reply badPhone = send("12345", "LOGIN", null);
        assertThat(badPhone.status()).isEqualTo(400);
        assertThat(badPhone.body().get("code").asInt()).isEqualTo(13001);

        Reply badPurpose = post("/app-api/sms/codes", "{\"phone\":\"+8613900000009\",\"purpose\":\"STEAL\"}", null);
        assertThat(badPurpose.status()).isEqualTo(400);
        assertThat(badPurpose.body().get("code").asInt()).isEqualTo(10002);

        Reply badCode = verify("+8613900000009", "LOGIN", "12ab");
        assertThat(badCode.status()).isEqualTo(400);
        assertThat(badCode.body().get("code").asInt()).isEqualTo(10001);
        assertThat(badCode.body().at("/data/errors/0/field").asText()).isEqualTo("code");
    }
}
