package io.apay.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** An operator at the admin API, through the gateway: a session token, an idempotency key on every write. */
final class AdminClient {

    private final String gateway;
    private final HttpClient http = HttpClient.newHttpClient();
    String token;
    final Map<String, String> extraHeaders = new HashMap<>();

    AdminClient(String gateway) {
        this.gateway = gateway;
    }

    AppClient.Reply get(String path) throws Exception {
        return send("GET", path, null);
    }

    AppClient.Reply post(String path, Object body) throws Exception {
        return send("POST", path, body);
    }

    AppClient.Reply send(String method, String path, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(AppClient.MAPPER.writeValueAsString(body)));
        if (body != null) {
            b.header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString());
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        extraHeaders.forEach(b::header);
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        JsonNode json = r.body().length == 0 ? AppClient.MAPPER.createObjectNode() : AppClient.MAPPER.readTree(r.body());
        return new AppClient.Reply(r.statusCode(), json, r);
    }

    static String totp(String secret, long stepOffset) throws Exception {
        return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret, System.currentTimeMillis() / 30_000 + stepOffset);
    }

    /** Activates an operator from its one-time code and logs in; returns the TOTP secret. */
    String activateAndLogin(String username, String activationCode, String password) throws Exception {
        String secret = activate(username, activationCode, password);
        AppClient.Reply login = post("/admin-api/user/auth/login", Map.of("username", username, "password", password, "totpCode", totp(secret, 1)));
        if (login.status() != 200) {
            throw new AssertionError("login failed: " + login.body());
        }
        token = login.data().get("token").asText();
        return secret;
    }

    /** Binds the authenticator and sets the password (the current code is used up); returns the TOTP secret. */
    String activate(String username, String activationCode, String password) throws Exception {
        AppClient.Reply binding = post("/admin-api/user/auth/activation/totp", Map.of("username", username, "activationCode", activationCode));
        String secret = binding.data().get("secret").asText();
        AppClient.Reply activated = post("/admin-api/user/auth/activate", Map.of("username", username, "activationCode", activationCode,
                "password", password, "totpCode", totp(secret, 0)));
        if (activated.status() != 200) {
            throw new AssertionError("activation failed: " + activated.body());
        }
        return secret;
    }
}
