package io.apay.user.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.apay.common.core.crypto.SecretCipher;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.user.api.dto.AppClientCredentials;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

@ApayIntegrationTest
@Import(UserTestSupport.Clocks.class)
class AppClientIT extends UserTestSupport {

    @Autowired SecretCipher cipher;
    @Autowired JdbcTemplate jdbc;

    @Test
    void aClientsSecretIsShownOnceAndKeptEncrypted() throws Exception {
        Reply created = post("/rpc-api/user/app-clients", json("keyId", "android-1", "name", "Android app"), null);
        assertThat(created.status()).isEqualTo(200);
        String secret = created.data().get("secret").asText();
        assertThat(secret).hasSizeGreaterThanOrEqualTo(43);

        Reply creds = get("/rpc-api/user/app-clients/android-1", null);
        assertThat(creds.data().get("enabled").asBoolean()).isTrue();
        assertThat(creds.data().get("secrets")).hasSize(1);
        long secretId = creds.data().at("/secrets/0/secretId").asLong();
        String encrypted = creds.data().at("/secrets/0/encryptedSecret").asText();
        assertThat(encrypted).doesNotContain(secret);
        assertThat(cipher.decrypt(encrypted, AppClientCredentials.cipherContext(secretId))).isEqualTo(secret);
        assertThat(jdbc.queryForObject("SELECT secret_enc FROM app_client_secret WHERE id = ?", String.class, secretId)).isEqualTo(encrypted);
        assertThat(jdbc.queryForObject("SELECT args FROM op_log WHERE operation = 'user.app-client.create'", String.class))
                .contains("android-1").doesNotContain(secret);
    }

    @Test
    void duplicatesUnknownsAndBadIdsAreRefused() throws Exception {
        post("/rpc-api/user/app-clients", json("keyId", "ios-1", "name", "iOS app"), null);
        assertThat(post("/rpc-api/user/app-clients", json("keyId", "ios-1", "name", "again"), null).status()).isEqualTo(409);
        Reply unknown = get("/rpc-api/user/app-clients/nobody", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo(12020);
        Reply bad = post("/rpc-api/user/app-clients", json("keyId", "a b", "name", ""), null);
        assertThat(bad.code()).isEqualTo(10001);
        assertThat(bad.data().get("errors").findValuesAsText("field")).containsOnly("keyId", "name");
    }

    /** A key id is an exact key: the database compares it byte for byte, so another case names no client. */
    @Test
    void aKeyIdInAnotherCaseIsUnknown() throws Exception {
        // written straight into the table, so this test adds no creation to the operation log the others read
        jdbc.update("INSERT INTO app_client (key_id, name, enabled, created_at) VALUES ('Web-Case-1', 'Web', 1, UTC_TIMESTAMP(3))");
        assertThat(get("/rpc-api/user/app-clients/Web-Case-1", null).status()).isEqualTo(200);
        for (String other : List.of("web-case-1", "WEB-CASE-1")) {
            Reply unknown = get("/rpc-api/user/app-clients/" + other, null);
            assertThat(unknown.status()).as(other).isEqualTo(404);
            assertThat(unknown.code()).as(other).isEqualTo(12020);
        }
    }
}
