package io.apay.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.redisson.api.RType;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;

/**
 * No secret that an answer carries is readable in Redis afterwards: every call through the gateway whose answer
 * holds a secret (login tokens, an operator's session token and activation code, TOTP seeds, a monitor device's
 * secret, an app client's secret) is made, then every key of the mesh is read (its name and its value, whatever
 * its type) and searched for each secret and for the secret as it would appear inside base64 text.
 */
class SecretsAtRestIT {

    @Test
    void noSecretAnAnswerCarriedIsReadableInRedis() throws Exception {
        SharedMesh.Identity identity = SharedMesh.identity();
        SharedMesh.Root root = SharedMesh.root();
        Map<String, String> secrets = new LinkedHashMap<>();

        // an app user: registration and password login (login tokens), TOTP binding (seed), a monitor device (secret)
        AppClient app = new AppClient(identity.mesh().gateway(), identity.appKey(), identity.appSecret());
        String phone = "+86137" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
        assertThat(app.post("/app-api/sms/codes", Map.of("phone", phone, "purpose", "REGISTER")).status()).isEqualTo(200);
        AppClient.Reply registered = app.post("/app-api/user/auth/register", Map.of("phone", phone,
                "smsCode", IdentityFlowIT.codeFor(identity, phone), "password", "secrets-at-rest-42", "deviceId", "pixel-rest"));
        assertThat(registered.status()).as(registered.body().toString()).isEqualTo(200);
        secrets.put("registration token", registered.data().get("token").asText());
        AppClient.Reply login = app.post("/app-api/user/auth/login/password",
                Map.of("phone", phone, "password", "secrets-at-rest-42", "deviceId", "ipad-rest"));
        assertThat(login.status()).as(login.body().toString()).isEqualTo(200);
        app.token = login.data().get("token").asText();
        secrets.put("login token", app.token);
        AppClient.Reply totp = app.post("/app-api/user/totp/bind", null);
        assertThat(totp.status()).as(totp.body().toString()).isEqualTo(200);
        secrets.put("app TOTP seed", totp.data().get("secret").asText());
        AppClient.Reply device = app.post("/app-api/push/devices", Map.of("name", "Redmi rest"));
        assertThat(device.status()).as(device.body().toString()).isIn(200, 201);
        secrets.put("device secret", device.data().get("deviceSecret").asText());

        // an operator: created (activation code), TOTP bound at activation (seed), logged in (session token)
        String username = "vault" + ThreadLocalRandom.current().nextInt(1_000_000);
        AppClient.Reply created = root.client().post("/admin-api/user/operators", Map.of("username", username,
                "displayName", username, "roles", List.of("SUPPORT"), "reason", "e2e: secrets at rest"));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(200);
        secrets.put("activation code", created.data().get("activationCode").asText());
        AdminClient operator = new AdminClient(identity.mesh().gateway());
        secrets.put("operator TOTP seed", operator.activateAndLogin(username, created.data().get("activationCode").asText(),
                username + "-password-long"));
        secrets.put("operator session token", operator.token);

        // an app client: created and rotated (its secret each time)
        String keyId = "rest-" + ThreadLocalRandom.current().nextInt(1_000_000);
        AppClient.Reply client = root.client().post("/admin-api/user/app-clients",
                Map.of("keyId", keyId, "name", "Secrets at rest", "reason", "e2e: secrets at rest"));
        assertThat(client.status()).as(client.body().toString()).isEqualTo(200);
        secrets.put("app client secret", client.data().get("secret").asText());
        AppClient.Reply rotated = root.client().post("/admin-api/user/app-clients/" + keyId + "/rotate",
                Map.of("graceSeconds", 0, "reason", "e2e: secrets at rest"));
        assertThat(rotated.status()).as(rotated.body().toString()).isEqualTo(200);
        secrets.put("rotated app client secret", rotated.data().get("secret").asText());

        secrets.forEach((what, secret) -> assertThat(secret).as(what).hasSizeGreaterThanOrEqualTo(16));
        List<String> stored = everything(identity.redis(), identity.mesh().redisPrefix());
        assertThat(stored).as("keys under " + identity.mesh().redisPrefix()).isNotEmpty();
        List<String> found = new ArrayList<>();
        for (String entry : stored) {
            secrets.forEach((what, secret) -> {
                if (entry.contains(secret) || base64Forms(secret).stream().anyMatch(entry::contains)) {
                    found.add(what + " in " + entry.substring(0, entry.indexOf(" = ")));
                }
            });
        }
        assertThat(found).as("secrets readable in Redis").isEmpty();
    }

    /** "name = value" for every key under the prefix, values read as bytes (Latin-1, so ASCII secrets stay whole). */
    static List<String> everything(RedissonClient redis, String prefix) {
        List<String> all = new ArrayList<>();
        for (String key : redis.getKeys().getKeysByPattern(prefix + "*")) {
            RType type = redis.getKeys().getType(key);
            if (type == null) {
                continue; // expired meanwhile
            }
            List<Object> values = new ArrayList<>();
            switch (type) {
                case OBJECT -> values.add(redis.getBucket(key, ByteArrayCodec.INSTANCE).get());
                case MAP -> redis.getMap(key, ByteArrayCodec.INSTANCE).readAllEntrySet().forEach(e -> {
                    values.add(e.getKey());
                    values.add(e.getValue());
                });
                case LIST -> values.addAll(redis.getList(key, ByteArrayCodec.INSTANCE).readAll());
                case SET -> values.addAll(redis.getSet(key, ByteArrayCodec.INSTANCE).readAll());
                case ZSET -> values.addAll(redis.getScoredSortedSet(key, ByteArrayCodec.INSTANCE).readAll());
                default -> throw new AssertionError("a key of a type this test cannot read: " + key + " (" + type + ")");
            }
            StringBuilder text = new StringBuilder(key).append(" = ");
            for (Object v : values) {
                text.append(v instanceof byte[] b ? new String(b, StandardCharsets.ISO_8859_1) : String.valueOf(v)).append(" | ");
            }
            all.add(text.toString());
        }
        return all;
    }

    /** The secret as it appears inside any base64 text that encodes it, whatever its offset there. */
    static List<String> base64Forms(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        List<String> forms = new ArrayList<>();
        for (int offset = 0; offset < 3; offset++) {
            int whole = (bytes.length - offset) / 3 * 3;
            forms.add(Base64.getEncoder().withoutPadding().encodeToString(Arrays.copyOfRange(bytes, offset, offset + whole)));
            forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOfRange(bytes, offset, offset + whole)));
        }
        return forms;
    }
}
