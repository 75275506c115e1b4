package io.apay.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apay.common.core.json.ApayJackson;
import io.apay.common.core.redis.RedisKeys;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.common.test.MeshCredentials;
import io.apay.common.test.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import io.apay.job.support.JobRun;
import io.apay.job.support.JobRunStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The job admin API over HTTP: the jobs, their runs, an operator's run of one now (a stand-in wealth-svc behind it). */
@ApayIntegrationTest(properties = "apay.job.manual-run-lock-wait=PT0.2S")
@Import(JobRunAdminIT.Clocks.class)
class JobRunAdminIT {

    static final ObjectMapper JSON = ApayJackson.newMapper();
    static final WealthStandIn wealth = new WealthStandIn();

    static class Clocks {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.parse("2026-03-02T09:15:00Z"));
        }
    }

    @DynamicPropertySource
    static void wealthAddress(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.wealth-svc[0].uri", wealth::uri);
    }

    @AfterAll
    static void stop() {
        wealth.stop();
    }

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired RedissonClient redisson;
    @Autowired RedisKeys keys;
    @Autowired JobRunStore store;
    final HttpClient http = MeshCredentials.signing(HttpClient.newHttpClient());

    @BeforeEach
    void reset() {
        wealth.calls.clear();
    }

    JsonNode call(String method, String path, String body, String roles) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (roles != null) {
            b.header("X-Apay-Operator-Id", "5").header("X-Apay-Operator-Roles", roles);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        ObjectNode json = (ObjectNode) JSON.readTree(r.body());
        json.put("httpStatus", r.statusCode());
        return json;
    }

    JsonNode run(String body, String roles) throws Exception {
        return call("POST", "/admin-api/job/runs", body, roles);
    }

    @Test
    void everyOperatorSeesTheJobsWithTheirSchedules() throws Exception {
        JsonNode jobs = call("GET", "/admin-api/job/jobs", null, "SUPPORT");
        assertThat(jobs.get("httpStatus").asInt()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        jobs.get("data").forEach(j -> names.add(j.get("name").asText()));
        assertThat(names).containsExactly("cross-service-reconciliation", "job-run-cleanup", "ledger-reconciliation",
                "merchant-callback-retries", "merchant-payout-recover", "otc-expire-orders", "otc-recover", "otc-stale-ads", "wallet-recover",
                "wealth-accrual", "wealth-recover");
        JsonNode accrual = jobs.at("/data/9");
        assertThat(accrual.get("every").asText()).isEqualTo("PT1H");
        assertThat(accrual.get("dayBased").asBoolean()).isTrue();
        assertThat(jobs.at("/data/10/dayBased").asBoolean()).isFalse();
        assertThat(call("GET", "/admin-api/job/jobs", null, null).get("httpStatus").asInt()).isEqualTo(401);
    }

    @Test
    void financeReRunsTheAccrualOfADayAndTheRunIsRecordedListedAndOpLogged() throws Exception {
        JsonNode answer = run("{\"job\":\"wealth-accrual\",\"day\":\"2026-02-20\",\"reason\":\"pool funded after the stall\"}", "FINANCE");
        assertThat(answer.get("httpStatus").asInt()).as(answer.toString()).isEqualTo(200);
        assertThat(wealth.calls).containsExactly("accrual 2026-02-20");
        JsonNode data = answer.get("data");
        assertThat(data.get("job").asText()).isEqualTo("wealth-accrual");
        assertThat(data.get("day").asText()).isEqualTo("2026-02-20");
        assertThat(data.get("tick").asLong()).isEqualTo(java.time.LocalDate.parse("2026-02-20").toEpochDay());
        assertThat(data.get("trigger").asText()).isEqualTo("MANUAL");
        assertThat(data.get("operatorId").asText()).isEqualTo("5");
        assertThat(data.get("reason").asText()).isEqualTo("pool funded after the stall");
        assertThat(data.get("status").asText()).isEqualTo("OK");
        assertThat(data.get("attempt").asInt()).isZero();
        assertThat(data.at("/counts/productDays").asLong()).isEqualTo(2);
        assertThat(data.get("startedAt").asText()).isEqualTo("2026-03-02T09:15:00Z");
        assertThat(data.get("durationMs").asLong()).isZero();
        long runId = data.get("runId").asLong();

        JsonNode page = call("GET", "/admin-api/job/runs?job=wealth-accrual&status=OK&pageNo=1&pageSize=10", null, "SUPPORT");
        assertThat(page.get("httpStatus").asInt()).isEqualTo(200);
        assertThat(page.at("/data/list/0/runId").asLong()).isEqualTo(runId);
        assertThat(call("GET", "/admin-api/job/runs?status=FAILED", null, "RISK").at("/data/total").asLong()).isZero();
        assertThat(call("GET", "/admin-api/job/runs/" + runId, null, "RISK").at("/data/reason").asText()).isEqualTo("pool funded after the stall");

        Map<String, Object> log = jdbc.queryForMap("SELECT * FROM op_log WHERE operation = 'job.run' ORDER BY id DESC LIMIT 1");
        assertThat(log.get("actor_id")).isEqualTo("5");
        assertThat(log.get("reason")).isEqualTo("pool funded after the stall");
    }

    @Test
    void anIntervalJobRunsNowWithoutADay() throws Exception {
        JsonNode data = run("{\"job\":\"wealth-recover\",\"reason\":\"stuck redemption reported by support\"}", "SUPER_ADMIN").get("data");
        assertThat(data.get("status").asText()).isEqualTo("OK");
        assertThat(data.has("day")).isFalse();
        assertThat(data.at("/counts/recovered").asLong()).isEqualTo(4);
        assertThat(wealth.calls).containsExactly("recover limit=100");
    }

    @Test
    void withoutJobRunOrWithABadJobOrDayTheRunIsRefusedAndNothingIsCalled() throws Exception {
        String accrual = "{\"job\":\"wealth-accrual\",\"day\":\"2026-02-20\",\"reason\":\"re-run\"}";
        JsonNode support = run(accrual, "SUPPORT");
        assertThat(support.get("httpStatus").asInt()).isEqualTo(403);
        assertThat(support.get("code").asInt()).isEqualTo(10011);
        assertThat(run(accrual, "RISK").get("httpStatus").asInt()).isEqualTo(403);

        JsonNode unknown = run("{\"job\":\"no-such-job\",\"reason\":\"re-run\"}", "FINANCE");
        assertThat(unknown.get("httpStatus").asInt()).isEqualTo(404);
        assertThat(unknown.get("code").asInt()).isEqualTo(21003);
        JsonNode noDay = run("{\"job\":\"wealth-accrual\",\"reason\":\"re-run\"}", "FINANCE");
        assertThat(noDay.get("httpStatus").asInt()).isEqualTo(400);
        assertThat(noDay.get("code").asInt()).isEqualTo(21004);
        assertThat(run("{\"job\":\"wealth-accrual\",\"day\":\"2026-03-02\",\"reason\":\"today has not ended\"}", "FINANCE").get("code").asInt())
                .isEqualTo(21004);
        JsonNode dayForInterval = run("{\"job\":\"wealth-recover\",\"day\":\"2026-02-20\",\"reason\":\"re-run\"}", "FINANCE");
        assertThat(dayForInterval.get("httpStatus").asInt()).isEqualTo(400);
        assertThat(dayForInterval.get("code").asInt()).isEqualTo(21005);
        JsonNode noReason = run("{\"job\":\"wealth-recover\"}", "FINANCE");
        assertThat(noReason.get("httpStatus").asInt()).isEqualTo(400);
        assertThat(noReason.get("code").asInt()).isEqualTo(10001);
        JsonNode badDay = run("{\"job\":\"wealth-accrual\",\"day\":\"20.2.2026\",\"reason\":\"re-run\"}", "FINANCE");
        assertThat(badDay.get("httpStatus").asInt()).isEqualTo(400);
        assertThat(badDay.get("code").asInt()).isEqualTo(10002);
        assertThat(call("GET", "/admin-api/job/runs/999999", null, "SUPPORT").get("code").asInt()).isEqualTo(21007);
        assertThat(wealth.calls).isEmpty();
    }

    @Test
    void theCleanupDeletesRunsOlderThanTheRetentionOnly() throws Exception {
        Duration maxRun = Duration.ofMinutes(1);
        JobRun old1 = store.startManual("old-job", 1, null, "5", "x", "r", Instant.parse("2026-01-01T00:00:00Z"), maxRun);
        JobRun old2 = store.startManual("old-job", 2, null, "5", "x", "r", Instant.parse("2026-01-31T09:14:59Z"), maxRun);
        JobRun kept = store.startManual("old-job", 3, null, "5", "x", "r", Instant.parse("2026-01-31T09:15:01Z"), maxRun);
        JsonNode data = run("{\"job\":\"job-run-cleanup\",\"reason\":\"test\"}", "FINANCE").get("data");
        assertThat(data.get("status").asText()).as(data.toString()).isEqualTo("OK");
        assertThat(data.at("/counts/deleted").asLong()).isEqualTo(2); // 30 days before 2026-03-02T09:15:00Z
        assertThat(store.get(old1.runId())).isEmpty();
        assertThat(store.get(old2.runId())).isEmpty();
        assertThat(store.get(kept.runId())).isPresent();
    }

    @Test
    void aReRunWaitsForTheJobsLockAndIsRefusedWhileARunHoldsIt() throws Exception {
        RLock lock = redisson.getLock(keys.key("job-lock", "wealth-accrual"));
        lock.lock(); // a scheduled run of the accrual is going
        try {
            JsonNode busy = run("{\"job\":\"wealth-accrual\",\"day\":\"2026-02-21\",\"reason\":\"re-run\"}", "FINANCE");
            assertThat(busy.get("httpStatus").asInt()).isEqualTo(409);
            assertThat(busy.get("code").asInt()).isEqualTo(21006);
        } finally {
            lock.unlock();
        }
        assertThat(wealth.calls).isEmpty();
        assertThat(run("{\"job\":\"wealth-accrual\",\"day\":\"2026-02-21\",\"reason\":\"re-run\"}", "FINANCE").at("/data/status").asText())
                .isEqualTo("OK");
    }
}
