package io.apay.user.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import io.apay.common.core.redis.RedisKeys;
import io.apay.common.core.security.AdminRole;
import io.apay.common.core.security.Permission;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.common.test.MutableClock;
import io.apay.user.api.AdminSessions;
import io.apay.user.api.LoginTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * What the operators' console needs of user-svc: the roles table, the operator list, and changing an operator's
 * roles (with its refusals, and the operator's sessions ended so the change holds from the next request on).
 */
@ApayIntegrationTest
@Import({UserTestSupport.Clocks.class, OperatorRolesIT.Gates.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorRolesIT extends UserTestSupport {

    /**
     * Holds a login inside its password check (the ~100 ms of bcrypt where it has read the operator row but not yet
     * opened the session), so a test can change the operator in exactly that gap.
     */
    static class PasswordGate {
        final AtomicReference<String> armedFor = new AtomicReference<>();
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        void await(String rawPassword) {
            if (rawPassword.equals(armedFor.get())) {
                reached.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    static final AtomicReference<PasswordGate> GATE = new AtomicReference<>(new PasswordGate());

    @TestConfiguration
    static class Gates {
        /** The real encoder, only made to wait at the gate when a test arms it for a password. */
        @Bean
        static BeanPostProcessor gatedPasswordEncoder() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (!(bean instanceof PasswordEncoder real)) {
                        return bean;
                    }
                    return new PasswordEncoder() {
                        @Override
                        public String encode(CharSequence raw) {
                            return real.encode(raw);
                        }

                        @Override
                        public boolean matches(CharSequence raw, String encoded) {
                            boolean matches = real.matches(raw, encoded);
                            GATE.get().await(raw.toString());
                            return matches;
                        }
                    };
                }
            };
        }
    }

    @Autowired MutableClock clock;
    @Autowired JdbcTemplate jdbc;
    @Autowired RedissonClient redisson;
    @Autowired RedisKeys keys;

    String code(String secret) throws Exception {
        return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret, clock.millis() / 30_000);
    }

    long id(String username) {
        return jdbc.queryForObject("SELECT id FROM operator WHERE username = ?", Long.class, username);
    }

    Operator root() {
        return new Operator(id("root"), "SUPER_ADMIN");
    }

    /** Creates an operator as root; returns its activation code. */
    String create(String username, String... roles) throws Exception {
        Reply created = asOperator("POST", "/admin-api/user/operators",
                json("username", username, "displayName", "Op " + username, "roles", List.of(roles), "reason", "hired"), root());
        assertThat(created.status()).as(created.body().toString()).isEqualTo(200);
        return created.data().get("activationCode").asText();
    }

    /** Binds TOTP and sets the password; returns the TOTP secret. */
    String activate(String username, String activationCode) throws Exception {
        String secret = post("/admin-api/user/auth/activation/totp", json("username", username, "activationCode", activationCode), null)
                .data().get("secret").asText();
        Reply done = post("/admin-api/user/auth/activate", json("username", username, "activationCode", activationCode,
                "password", username + "-password-long", "totpCode", code(secret)), null);
        assertThat(done.status()).as(done.body().toString()).isEqualTo(200);
        return secret;
    }

    /** Logs in (a fresh TOTP step each time); returns the session's token id (what Redis keys it by). */
    String login(String username, String secret) throws Exception {
        clock.advance(Duration.ofSeconds(30));
        Reply login = post("/admin-api/user/auth/login", json("username", username, "password", username + "-password-long",
                "totpCode", code(secret)), null);
        assertThat(login.status()).as(login.body().toString()).isEqualTo(200);
        return LoginTokens.hash(login.data().get("token").asText());
    }

    Map<String, String> session(String tokenId) {
        return redisson.<String, String>getMap(keys.key(AdminSessions.DOMAIN, tokenId), StringCodec.INSTANCE).readAllMap();
    }

    JsonNode operator(JsonNode list, String username) {
        for (JsonNode op : list) {
            if (op.get("username").asText().equals(username)) {
                return op;
            }
        }
        throw new AssertionError("no operator " + username + " in " + list);
    }

    String rolesBody(Object roles, String reason) throws Exception {
        return reason == null ? json("roles", roles) : json("roles", roles, "reason", reason);
    }

    @Test
    @Order(1)
    void theOperatorListSaysWhoIsActivatedAndWhenTheyLastLoggedIn() throws Exception {
        Reply boot = post("/rpc-api/user/operators/bootstrap", json("username", "root", "displayName", "Platform owner"), null);
        String rootSecret = activate("root", boot.data().get("activationCode").asText());
        Instant beforeLogin = clock.instant();
        login("root", rootSecret);
        create("sam", "SUPPORT");

        Reply list = asOperator("GET", "/admin-api/user/operators", null, root());
        assertThat(list.status()).as(list.body().toString()).isEqualTo(200);
        JsonNode root = operator(list.data(), "root");
        assertThat(root.get("operatorId").asLong()).isEqualTo(id("root"));
        assertThat(root.get("displayName").asText()).isEqualTo("Platform owner");
        assertThat(root.get("roles").get(0).asText()).isEqualTo("SUPER_ADMIN");
        assertThat(root.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(root.get("activated").asBoolean()).isTrue();
        assertThat(Instant.parse(root.get("lastLoginAt").asText())).isAfter(beforeLogin);
        assertThat(root.get("createdAt").asText()).isNotBlank();
        JsonNode sam = operator(list.data(), "sam");
        assertThat(sam.get("status").asText()).isEqualTo("PENDING_ACTIVATION");
        assertThat(sam.get("activated").asBoolean()).isFalse();
        assertThat(sam.path("lastLoginAt").isMissingNode() || sam.path("lastLoginAt").isNull()).as("never logged in").isTrue();
    }

    @Test
    @Order(2)
    void everyOperatorReadsTheRolesTableTheOneOfPermission() throws Exception {
        for (String roles : List.of("SUPPORT", "MERCHANT_MANAGER", "SUPER_ADMIN")) {
            Reply r = asOperator("GET", "/admin-api/user/roles", null, new Operator(42, roles));
            assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
            assertThat(r.data()).hasSize(AdminRole.values().length);
            for (JsonNode row : r.data()) {
                AdminRole role = AdminRole.valueOf(row.get("role").asText());
                List<String> permissions = new ArrayList<>();
                row.get("permissions").forEach(p -> permissions.add(p.asText()));
                assertThat(permissions).containsExactlyElementsOf(Permission.of(Set.of(role)).stream().map(Enum::name).toList());
            }
        }
        JsonNode table = asOperator("GET", "/admin-api/user/roles", null, new Operator(42, "SUPPORT")).data();
        assertThat(table.get(0).get("role").asText()).isEqualTo("SUPER_ADMIN");
        assertThat(table.get(0).get("permissions")).hasSize(Permission.values().length);
        assertThat(table.toString()).contains("{\"role\":\"SUPPORT\",\"permissions\":[\"SELF\",\"USER_READ\"");
        assertThat(asOperator("GET", "/admin-api/user/roles", null, null).status()).isEqualTo(401);
        assertThat(asOperator("GET", "/admin-api/user/roles", null, new Operator(42, "")).code()).isEqualTo(10011);
    }

    @Test
    @Order(3)
    void aSuperAdminChangesAnOperatorsRolesItsSessionsEndAndTheChangeIsLogged() throws Exception {
        String mia = create("mia", "MERCHANT_MANAGER");
        String secret = activate("mia", mia);
        String tokenId = login("mia", secret);
        assertThat(session(tokenId)).containsEntry("roles", "MERCHANT_MANAGER");

        Reply changed = asOperator("PUT", "/admin-api/user/operators/" + id("mia") + "/roles",
                rolesBody(List.of("SUPPORT", "FINANCE"), "moved to the finance team"), root());
        assertThat(changed.status()).as(changed.body().toString()).isEqualTo(200);
        assertThat(changed.data().get("operatorId").asLong()).isEqualTo(id("mia"));
        assertThat(changed.data().get("roles").toString()).isEqualTo("[\"FINANCE\",\"SUPPORT\"]");
        assertThat(changed.data().get("status").asText()).isEqualTo("ACTIVE");
        assertThat(changed.data().get("activated").asBoolean()).isTrue();
        assertThat(jdbc.queryForObject("SELECT roles FROM operator WHERE username = 'mia'", String.class)).isEqualTo("FINANCE,SUPPORT");

        // the session carried the old roles: it is ended, the next request with it is refused by the gateway
        assertThat(redisson.getBucket(keys.key(AdminSessions.DOMAIN, tokenId)).isExists()).isFalse();
        assertThat(session(login("mia", secret))).containsEntry("roles", "FINANCE,SUPPORT");

        Map<String, Object> log = jdbc.queryForMap("SELECT * FROM op_log WHERE operation = 'operator.roles' AND outcome = 'SUCCESS'");
        assertThat(log.get("actor_id")).isEqualTo(Long.toString(id("root")));
        assertThat(log.get("reason")).isEqualTo("moved to the finance team");
        assertThat((String) log.get("before_state")).contains("MERCHANT_MANAGER").doesNotContain("FINANCE");
        assertThat((String) log.get("after_state")).contains("FINANCE").contains("SUPPORT").doesNotContain("MERCHANT_MANAGER");
    }

    @Test
    @Order(4)
    void changingRolesIsRefusedWithoutPermissionReasonOrRolesForAnUnknownRoleOrOperatorAndForOneself() throws Exception {
        String path = "/admin-api/user/operators/" + id("sam") + "/roles";
        Reply risk = asOperator("PUT", path, rolesBody(List.of("SUPER_ADMIN"), "promote"), new Operator(id("mia"), "RISK,FINANCE"));
        assertThat(risk.status()).isEqualTo(403);
        assertThat(risk.code()).isEqualTo(10011);

        Reply noReason = asOperator("PUT", path, rolesBody(List.of("RISK"), null), root());
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.code()).isEqualTo(10001);
        Reply empty = asOperator("PUT", path, rolesBody(List.of(), "no roles"), root());
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.code()).isEqualTo(10001);
        Reply missing = asOperator("PUT", path, json("reason", "no roles"), root());
        assertThat(missing.code()).isEqualTo(10001);

        Reply unknown = asOperator("PUT", path, rolesBody(List.of("RISK", "GOD"), "typo"), root());
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.code()).isEqualTo(12058);
        assertThat(unknown.body().get("message").asText()).contains("GOD");

        Reply self = asOperator("PUT", "/admin-api/user/operators/" + id("root") + "/roles",
                rolesBody(List.of("SUPER_ADMIN", "FINANCE"), "me too"), root());
        assertThat(self.status()).isEqualTo(403);
        assertThat(self.code()).isEqualTo(12059);

        Reply nobody = asOperator("PUT", "/admin-api/user/operators/987654/roles", rolesBody(List.of("RISK"), "who"), root());
        assertThat(nobody.status()).isEqualTo(404);
        assertThat(nobody.code()).isEqualTo(12056);

        assertThat(jdbc.queryForObject("SELECT roles FROM operator WHERE username = 'sam'", String.class)).isEqualTo("SUPPORT");
        assertThat(jdbc.queryForObject("SELECT roles FROM operator WHERE username = 'root'", String.class)).isEqualTo("SUPER_ADMIN");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM op_log WHERE operation = 'operator.roles' AND outcome = 'FAILURE'", Integer.class))
                .isGreaterThanOrEqualTo(3); // the refusals the service saw are logged too
    }

    /** Nobody can take SUPER_ADMIN from the last enabled super admin: the platform would be left without one. */
    @Test
    @Order(5)
    void theLastEnabledSuperAdminKeepsTheRole() throws Exception {
        String code = create("sa2", "SUPER_ADMIN"); // a second super admin, not activated yet: cannot act
        Operator sa2 = new Operator(id("sa2"), "SUPER_ADMIN");
        String rootRoles = "/admin-api/user/operators/" + id("root") + "/roles";

        Reply last = asOperator("PUT", rootRoles, rolesBody(List.of("FINANCE"), "hand over"), sa2);
        assertThat(last.status()).as(last.body().toString()).isEqualTo(409);
        assertThat(last.code()).isEqualTo(12060);
        assertThat(jdbc.queryForObject("SELECT roles FROM operator WHERE username = 'root'", String.class)).isEqualTo("SUPER_ADMIN");
        // keeping SUPER_ADMIN and adding a role is no removal
        assertThat(asOperator("PUT", rootRoles, rolesBody(List.of("SUPER_ADMIN", "FINANCE"), "also finance"), sa2).status()).isEqualTo(200);

        activate("sa2", code);
        Reply handedOver = asOperator("PUT", rootRoles, rolesBody(List.of("FINANCE"), "hand over"), sa2);
        assertThat(handedOver.status()).as(handedOver.body().toString()).isEqualTo(200);
        assertThat(Arrays.asList(jdbc.queryForObject("SELECT roles FROM operator WHERE username = 'root'", String.class).split(",")))
                .containsExactly("FINANCE");

        // now sa2 is the last one
        Reply back = asOperator("PUT", "/admin-api/user/operators/" + id("sa2") + "/roles", rolesBody(List.of("SUPPORT"), "demote"),
                new Operator(id("root"), "SUPER_ADMIN"));
        assertThat(back.code()).isEqualTo(12060);
        // ...nor is it disabled
        String sa2Disable = "/admin-api/user/operators/" + id("sa2") + "/disable";
        assertThat(asOperator("POST", sa2Disable, json("reason", "left"), new Operator(id("root"), "SUPER_ADMIN")).code()).isEqualTo(12060);
        // once root has it back, sa2 may be disabled, and a disabled super admin is not an enabled one: its roles change freely
        assertThat(asOperator("PUT", rootRoles, rolesBody(List.of("SUPER_ADMIN"), "restore"), sa2).status()).isEqualTo(200);
        assertThat(asOperator("POST", sa2Disable, json("reason", "left"), root()).status()).isEqualTo(200);
        assertThat(asOperator("PUT", "/admin-api/user/operators/" + id("sa2") + "/roles", rolesBody(List.of("SUPPORT"), "demote"), root())
                .status()).isEqualTo(200);
    }

    /** Every session of the operator in Redis (its roles), whatever opened it. */
    List<String> sessionRolesOf(long operatorId) {
        List<String> roles = new ArrayList<>();
        redisson.getKeys().getKeysStreamByPattern(keys.key(AdminSessions.DOMAIN, "*")).forEach(k -> {
            Map<String, String> s = redisson.<String, String>getMap(k, StringCodec.INSTANCE).readAllMap();
            if (Long.toString(operatorId).equals(s.get(AdminSessions.FIELD_OPERATOR_ID))) {
                roles.add(s.get(AdminSessions.FIELD_ROLES));
            }
        });
        return roles;
    }

    /**
     * Starts a login that stops inside its password check, runs {@code change} while it waits there (after it read
     * the operator row), then lets it finish; answers the login's reply.
     */
    Reply loginAround(String username, String secret, ThrowingRunnable change) throws Exception {
        PasswordGate gate = new PasswordGate();
        GATE.set(gate);
        gate.armedFor.set(username + "-password-long");
        clock.advance(Duration.ofSeconds(30));
        String body = json("username", username, "password", username + "-password-long", "totpCode", code(secret));
        CompletableFuture<Reply> login = CompletableFuture.supplyAsync(() -> {
            try {
                return post("/admin-api/user/auth/login", body, null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            assertThat(gate.reached.await(30, TimeUnit.SECONDS)).as("the login reached its password check").isTrue();
            change.run();
        } finally {
            gate.release.countDown();
            GATE.set(new PasswordGate());
        }
        return login.get(30, TimeUnit.SECONDS);
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /**
     * Review finding: login read the operator, spent its bcrypt time, then opened the session with the roles it had
     * read; a role change committed in that gap found no session to end, and the new one carried the old roles.
     */
    @Test
    @Order(6)
    void aLoginUnderwayWhileTheOperatorIsDemotedNeverOpensASessionWithTheOldRoles() throws Exception {
        String secret = activate("dee", create("dee", "FINANCE", "RISK"));
        long dee = id("dee");

        Reply login = loginAround("dee", secret, () -> {
            Reply demoted = asOperator("PUT", "/admin-api/user/operators/" + dee + "/roles", rolesBody(List.of("SUPPORT"), "left risk"), root());
            assertThat(demoted.status()).as(demoted.body().toString()).isEqualTo(200);
        });

        assertThat(login.status()).as(login.body().toString()).isEqualTo(200);
        assertThat(login.data().get("roles").toString()).isEqualTo("[\"SUPPORT\"]");
        assertThat(sessionRolesOf(dee)).containsOnly("SUPPORT");
    }

    /** The same gap with a disable: the login is refused and no session outlives the disable. */
    @Test
    @Order(7)
    void aLoginUnderwayWhileTheOperatorIsDisabledOpensNoSession() throws Exception {
        String secret = activate("eli", create("eli", "FINANCE"));
        long eli = id("eli");

        Reply login = loginAround("eli", secret, () -> {
            Reply disabled = asOperator("POST", "/admin-api/user/operators/" + eli + "/disable", json("reason", "left"), root());
            assertThat(disabled.status()).as(disabled.body().toString()).isEqualTo(200);
        });

        assertThat(login.status()).as(login.body().toString()).isEqualTo(403);
        assertThat(login.code()).isEqualTo(12052);
        assertThat(sessionRolesOf(eli)).isEmpty();
    }

    /** Disabling follows the rules of role changes: not oneself, not the last enabled super admin. */
    @Test
    @Order(8)
    void anOperatorCannotDisableItselfNorTheLastEnabledSuperAdmin() throws Exception {
        // here root is the only ACTIVE super admin (sa2 was disabled above)
        String rootDisable = "/admin-api/user/operators/" + id("root") + "/disable";
        Reply self = asOperator("POST", rootDisable, json("reason", "leaving"), root());
        assertThat(self.status()).as(self.body().toString()).isEqualTo(403);
        assertThat(self.code()).isEqualTo(12061);

        Reply last = asOperator("POST", rootDisable, json("reason", "take over"), new Operator(id("sa2"), "SUPER_ADMIN"));
        assertThat(last.status()).as(last.body().toString()).isEqualTo(409);
        assertThat(last.code()).isEqualTo(12060);
        assertThat(jdbc.queryForObject("SELECT status FROM operator WHERE username = 'root'", String.class)).isEqualTo("ACTIVE");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM op_log WHERE operation = 'operator.disable' AND outcome = 'FAILURE'",
                Integer.class)).isGreaterThanOrEqualTo(2);

        // with another enabled super admin, either one may be disabled
        activate("sa3", create("sa3", "SUPER_ADMIN"));
        Reply other = asOperator("POST", "/admin-api/user/operators/" + id("sa3") + "/disable", json("reason", "temp account"), root());
        assertThat(other.status()).as(other.body().toString()).isEqualTo(200);
        assertThat(other.data().get("status").asText()).isEqualTo("DISABLED");
    }

    /**
     * Two super admins, each taking SUPER_ADMIN from the other by a different route at the same time (one demotes,
     * the other disables): both checks run under the same lock, so one of them always sees the other's change.
     */
    @Test
    @Order(9)
    void aConcurrentDemoteAndDisableCannotLeaveNoEnabledSuperAdmin() throws Exception {
        long root = id("root");
        long sa3 = id("sa3");
        for (int round = 0; round < 15; round++) {
            jdbc.update("UPDATE operator SET status = 'ACTIVE', roles = 'SUPER_ADMIN' WHERE id IN (?, ?)", root, sa3);
            CountDownLatch start = new CountDownLatch(1);
            CompletableFuture<Reply> demote = CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                    return asOperator("PUT", "/admin-api/user/operators/" + root + "/roles", rolesBody(List.of("FINANCE"), "race"),
                            new Operator(sa3, "SUPER_ADMIN"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            CompletableFuture<Reply> disable = CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                    return asOperator("POST", "/admin-api/user/operators/" + sa3 + "/disable", json("reason", "race"),
                            new Operator(root, "SUPER_ADMIN"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            start.countDown();
            List<Integer> statuses = List.of(demote.get(30, TimeUnit.SECONDS).status(), disable.get(30, TimeUnit.SECONDS).status());
            assertThat(statuses).as("round " + round).containsExactlyInAnyOrder(200, 409);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM operator WHERE status = 'ACTIVE' AND FIND_IN_SET('SUPER_ADMIN', roles) > 0",
                    Integer.class)).as("round " + round).isEqualTo(1);
        }
        jdbc.update("UPDATE operator SET status = 'ACTIVE', roles = 'SUPER_ADMIN' WHERE id = ?", root);
    }
}
