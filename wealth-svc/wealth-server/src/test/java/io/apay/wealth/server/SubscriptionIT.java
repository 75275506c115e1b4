package io.apay.wealth.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.apay.common.test.ApayIntegrationTest;
import io.apay.wealth.server.service.recovery.WealthRecovery;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Subscriptions against the real ledger: balances moved once, idempotency, refusals, and the quota under load. */
@ApayIntegrationTest
class SubscriptionIT extends WealthAppTestSupport {

    @Autowired
    WealthRecovery recovery;

    @Test
    void aSubscriptionMovesTheCoinIntoTheProductAndOpensThePosition() {
        Map<String, Object> d = definition(newCode("HAPPY"));
        d.put("termDays", 30);
        long product = productOnSale(d);
        long user = newUserId();
        fundUser(user, "USDT", "50");
        clock.set(EPOCH.plus(Duration.ofHours(13)));

        Reply r = subscribe(user, "sub-1", product, "30");

        assertThat(r.code()).as(r.body().toString()).isZero();
        assertThat(r.data().path("status").asText()).isEqualTo("OPEN");
        assertThat(r.data().path("principal").asText()).isEqualTo("30.000000");
        assertThat(r.data().path("accrued").asText()).isEqualTo("0.000000");
        assertThat(r.data().path("startDay").asText()).isEqualTo("2030-01-02");
        assertThat(r.data().path("endDay").asText()).isEqualTo("2030-01-31");
        assertThat(r.data().path("maturityDay").asText()).isEqualTo("2030-02-01");
        assertThat(available(user, "USDT")).isEqualByComparingTo("20");
        assertThat(staked(product, "USDT")).isEqualByComparingTo("30");
        assertThat(locked(product)).isEqualByComparingTo("30");
        long positionId = r.data().path("positionId").asLong();
        assertThat(jdbc.queryForObject("SELECT subscribe_txn_id FROM wealth_position WHERE id = ?", Long.class, positionId)).isNotNull();

        Reply one = asUser(user, "GET", "/app-api/wealth/positions/" + positionId, null);
        assertThat(one.data().path("productCode").asText()).isEqualTo(d.get("code"));
        Reply mine = asUser(user, "GET", "/app-api/wealth/positions?status=OPEN", null);
        assertThat(mine.data().path("total").asLong()).isEqualTo(1);
        Reply products = asUser(user, "GET", "/app-api/wealth/products", null);
        var listed = products.data().findParents("productId").stream().filter(p -> p.path("productId").asLong() == product).findFirst().orElseThrow();
        assertThat(listed.path("remainingQuota").asText()).isEqualTo("970.000000");
        assertThat(listed.path("yourAllowance").asText()).isEqualTo("70.000000");
        assertThat(asUser(user, "GET", "/app-api/wealth/history", null).data().path("total").asLong()).isZero();
        assertLedgerInvariants();
    }

    @Test
    void theSameRequestAgainAnswersTheSamePositionAndMovesNothingTwice() {
        String code = newCode("IDEM");
        long product = productOnSale(definition(code));
        long user = newUserId();
        fundUser(user, "USDT", "50");

        Reply first = subscribe(user, "again-1", product, "10");
        Reply second = subscribe(user, "again-1", product, "10.000");
        Reply byCode = asUser(user, "POST", "/app-api/wealth/subscriptions", json("requestNo", "again-1", "productCode", code, "amount", "10"));

        assertThat(first.code()).as(first.body().toString()).isZero();
        assertThat(second.code()).as(second.body().toString()).isZero();
        assertThat(byCode.code()).as(byCode.body().toString()).isZero();
        long positionId = first.data().path("positionId").asLong();
        assertThat(second.data().path("positionId").asLong()).isEqualTo(positionId);
        assertThat(byCode.data().path("positionId").asLong()).isEqualTo(positionId);
        assertThat(positionRows(user)).isEqualTo(1);
        assertThat(available(user, "USDT")).isEqualByComparingTo("40");
        assertThat(staked(product, "USDT")).isEqualByComparingTo("10");
        assertThat(locked(product)).isEqualByComparingTo("10");
    }

    @Test
    void anotherRequestUnderTheSameRequestNoIsRefused() {
        long product = productOnSale(definition(newCode("REUSE")));
        long other = productOnSale(definition(newCode("REUSE")));
        long user = newUserId();
        fundUser(user, "USDT", "50");
        assertThat(subscribe(user, "reused", product, "10").code()).isZero();

        Reply otherAmount = subscribe(user, "reused", product, "11");
        Reply otherProduct = subscribe(user, "reused", other, "10");
        Reply unknownProduct = asUser(user, "POST", "/app-api/wealth/subscriptions", json("requestNo", "reused", "productCode", "NO-SUCH", "amount", "10"));

        assertThat(otherAmount.code()).isEqualTo(18009);
        assertThat(otherProduct.code()).isEqualTo(18009);
        assertThat(unknownProduct.code()).isEqualTo(18009);
        assertThat(positionRows(user)).isEqualTo(1);
        assertThat(available(user, "USDT")).isEqualByComparingTo("40");
        assertThat(staked(other, "USDT")).isZero();
    }

    @Test
    void notEnoughBalanceFailsThePositionMovesNothingAndGivesTheQuotaBack() {
        long product = productOnSale(definition(newCode("POOR")));
        long user = newUserId();
        fundUser(user, "USDT", "5");

        Reply r = subscribe(user, "poor-1", product, "10");
        Reply retry = subscribe(user, "poor-1", product, "10");

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.code()).isEqualTo(18010);
        assertThat(retry.code()).isEqualTo(18010);
        Map<String, Object> row = jdbc.queryForMap("SELECT status, failure_code FROM wealth_position WHERE user_id = ?", user);
        assertThat(row.get("status")).isEqualTo("FAILED");
        assertThat(((Number) row.get("failure_code")).intValue()).isEqualTo(18010);
        assertThat(locked(product)).isZero();
        assertThat(available(user, "USDT")).isEqualByComparingTo("5");
        assertThat(staked(product, "USDT")).isZero();
        Reply history = asUser(user, "GET", "/app-api/wealth/history", null);
        assertThat(history.data().path("list").get(0).path("status").asText()).isEqualTo("FAILED");
        assertThat(history.data().path("list").get(0).path("failureCode").asInt()).isEqualTo(18010);
        assertLedgerInvariants();
    }

    @Test
    void twoHundredSubscribersForAQuotaOfOneHundredGetExactlyOneHundredPositions() throws Exception {
        Map<String, Object> d = definition(newCode("RUSH"));
        d.put("maxPerUser", "1");
        d.put("totalQuota", "100");
        long product = productOnSale(d);
        List<Long> users = IntStream.range(0, 200).mapToObj(i -> newUserId()).toList();
        ExecutorService pool = Executors.newFixedThreadPool(200);
        try {
            for (Future<?> f : pool.invokeAll(users.stream().<Callable<Object>>map(u -> () -> {
                fundUser(u, "USDT", "1");
                return null;
            }).toList())) {
                f.get();
            }
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Reply>> replies = new ArrayList<>();
            for (long u : users) {
                replies.add(pool.submit(() -> {
                    start.await();
                    return subscribe(u, "rush", product, "1");
                }));
            }
            start.countDown();
            List<Long> refused = new ArrayList<>();
            List<Long> accepted = new ArrayList<>();
            for (int i = 0; i < users.size(); i++) {
                Reply r = replies.get(i).get();
                if (r.code() == 18008) {
                    refused.add(users.get(i));
                } else {
                    assertThat(r.code()).as(r.body().toString()).isZero();
                    accepted.add(users.get(i));
                }
            }
            finishUnknownOutcomes();

            assertThat(accepted).hasSize(100);
            assertThat(refused).hasSize(100);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM wealth_position WHERE product_id = ? AND status = 'OPEN'",
                    Integer.class, product)).isEqualTo(100);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM wealth_position WHERE product_id = ?", Integer.class, product)).isEqualTo(100);
            assertThat(locked(product)).isEqualByComparingTo("100");
            assertThat(staked(product, "USDT")).isEqualByComparingTo("100");
            for (Future<?> f : pool.invokeAll(users.stream().<Callable<Object>>map(u -> () -> {
                assertThat(available(u, "USDT")).as("user %d", u).isEqualByComparingTo(refused.contains(u) ? "1" : "0");
                assertThat(positionRows(u)).as("user %d", u).isEqualTo(refused.contains(u) ? 0 : 1);
                return null;
            }).toList())) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertLedgerInvariants();
    }

    @Test
    void oneUserRacingTwentyRequestsGetsNoMoreThanTheMaximum() throws Exception {
        Map<String, Object> d = definition(newCode("GREEDY"));
        d.put("maxPerUser", "5");
        long product = productOnSale(d);
        long user = newUserId();
        fundUser(user, "USDT", "20");
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Reply> replies = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Reply>> futures = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String requestNo = "greedy-" + i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return subscribe(user, requestNo, product, "1");
                }));
            }
            start.countDown();
            for (Future<Reply> f : futures) {
                replies.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        finishUnknownOutcomes();

        assertThat(replies.stream().filter(r -> r.code() == 0).count()).isEqualTo(5);
        assertThat(replies.stream().filter(r -> r.code() == 18007).count()).isEqualTo(15);
        assertThat(positionRows(user)).isEqualTo(5);
        assertThat(available(user, "USDT")).isEqualByComparingTo("15");
        assertThat(staked(product, "USDT")).isEqualByComparingTo("5");
        assertThat(locked(product)).isEqualByComparingTo("5");
    }

    @Test
    void theRecoveryFinishesASubscriptionWhoseLedgerStepWasNeverMade() {
        long product = productOnSale(definition(newCode("LOST")));
        long rich = newUserId();
        long poor = newUserId();
        fundUser(rich, "USDT", "10");
        long opened = subscribingIntent(rich, product, "10");
        long failed = subscribingIntent(poor, product, "3");

        assertThat(recovery.recover(100)).as("not older than recover-after yet").isZero();
        clock.advance(Duration.ofMinutes(1));
        assertThat(recovery.recover(100)).isEqualTo(2);

        assertThat(status(opened)).isEqualTo("OPEN");
        assertThat(status(failed)).isEqualTo("FAILED");
        assertThat(available(rich, "USDT")).isZero();
        assertThat(staked(product, "USDT")).isEqualByComparingTo("10");
        assertThat(locked(product)).isEqualByComparingTo("10");
        assertThat(recovery.recover(100)).isZero();
        assertLedgerInvariants();
    }

    @Test
    void anEarlierAttemptTheLedgerAppliedCompletesThePositionInsteadOfFailingIt() {
        long product = productOnSale(definition(newCode("EARLIER")));
        long user = newUserId();
        fundUser(user, "USDT", "10");
        long positionId = subscribingIntent(user, product, "10");
        // an attempt the ledger applied whose answer was lost, sent with another memo: a repeat under the key now differs
        Reply earlier = ledger("POST", "/rpc-api/ledger/transfers", json("idempotencyKey", "wealth:subscribe:" + positionId,
                "bizRef", "wealth:position:" + positionId, "memo", "an earlier attempt", "legs", List.of(Map.of(
                        "from", Map.of("ownerType", "USER", "ownerId", Long.toString(user), "coin", "USDT", "kind", "AVAILABLE"),
                        "to", Map.of("ownerType", "PRODUCT", "ownerId", "product-" + product, "coin", "USDT", "kind", "STAKED"),
                        "amount", "10"))));
        assertThat(earlier.status()).as(earlier.body().toString()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(1));
        recovery.recover(100);

        assertThat(status(positionId)).isEqualTo("OPEN");
        assertThat(jdbc.queryForObject("SELECT subscribe_txn_id FROM wealth_position WHERE id = ?", Long.class, positionId))
                .isEqualTo(earlier.data().path("txnId").asLong());
        assertThat(available(user, "USDT")).isZero();
        assertThat(staked(product, "USDT")).isEqualByComparingTo("10");
        assertThat(locked(product)).isEqualByComparingTo("10");
    }

    @Test
    void aPositionShowsItsDailyRewardsLatestFirst() {
        long product = productOnSale(definition(newCode("DAILY")));
        long user = newUserId();
        fundUser(user, "USDT", "100");
        long positionId = subscribe(user, "daily-1", product, "100").data().path("positionId").asLong();
        // what the accrual writes for two days (its own tests cover how it computes them)
        jdbc.update("INSERT INTO wealth_accrual (position_id, day, run_id, amount) VALUES (?, '2030-01-02', 1, 0.021917), (?, '2030-01-03', 2, 0.021917)",
                positionId, positionId);
        jdbc.update("UPDATE wealth_position SET accrued = 0.043834, accrued_through = '2030-01-03' WHERE id = ?", positionId);

        Reply page = asUser(user, "GET", "/app-api/wealth/positions/" + positionId + "/accruals?pageSize=1", null);
        Reply position = asUser(user, "GET", "/app-api/wealth/positions/" + positionId, null);

        assertThat(page.data().path("total").asLong()).isEqualTo(2);
        assertThat(page.data().path("list")).hasSize(1);
        assertThat(page.data().path("list").get(0).path("day").asText()).isEqualTo("2030-01-03");
        assertThat(page.data().path("list").get(0).path("amount").asText()).isEqualTo("0.021917");
        assertThat(position.data().path("accrued").asText()).isEqualTo("0.043834");
        assertThat(position.data().path("accruedThrough").asText()).isEqualTo("2030-01-03");
    }

    @Test
    void aLostLedgerAnswerLeavesThePositionSubscribingAndTheSameRequestFinishesItOnce() throws Exception {
        long product = productOnSale(definition(newCode("SILENT")));
        long user = newUserId();
        fundUser(user, "USDT", "10");
        ProcessHandle ledgerProcess = ProcessHandle.current().children()
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains("--server.port=" + LedgerProcess.shared().port)).orElse(false))
                .findFirst().orElseThrow();

        Reply first;
        signal(ledgerProcess, "STOP"); // the ledger takes the request but answers nothing: wealth's read timeout ends the wait
        try {
            first = subscribe(user, "silent-1", product, "10");
        } finally {
            signal(ledgerProcess, "CONT");
        }

        assertThat(first.code()).as(first.body().toString()).isZero();
        assertThat(first.data().path("status").asText()).isEqualTo("SUBSCRIBING");
        assertThat(locked(product)).isEqualByComparingTo("10");
        Reply again = subscribe(user, "silent-1", product, "10");
        assertThat(again.data().path("status").asText()).isEqualTo("OPEN");
        assertThat(again.data().path("positionId").asLong()).isEqualTo(first.data().path("positionId").asLong());
        assertThat(available(user, "USDT")).isZero();
        assertThat(staked(product, "USDT")).isEqualByComparingTo("10");
        assertThat(locked(product)).isEqualByComparingTo("10");
        assertLedgerInvariants();
    }

    private static void signal(ProcessHandle process, String signal) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor()).isZero();
    }

    /** A SUBSCRIBING position as the admission leaves it, as if the process died before the ledger step. */
    private long subscribingIntent(long user, long product, String amount) {
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
        jdbc.update("UPDATE wealth_product SET locked = locked + ? WHERE id = ?", new BigDecimal(amount), product);
        jdbc.update("INSERT INTO wealth_position (user_id, product_id, request_no, request_hash, amount, status, start_day, accrued,"
                        + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'SUBSCRIBING', ?, 0, ?, ?)",
                user, product, "lost-" + user, "0".repeat(64), new BigDecimal(amount), now.toLocalDate().plusDays(1), now, now);
        return jdbc.queryForObject("SELECT id FROM wealth_position WHERE user_id = ? AND request_no = ?", Long.class, user, "lost-" + user);
    }

    private String status(long positionId) {
        return jdbc.queryForObject("SELECT status FROM wealth_position WHERE id = ?", String.class, positionId);
    }

    /** Positions whose ledger answer was lost under load stay SUBSCRIBING; the recovery (same key) ends them, as in production. */
    private void finishUnknownOutcomes() {
        clock.advance(Duration.ofMinutes(1));
        for (int round = 0; round < 20 && jdbc.queryForObject("SELECT COUNT(*) FROM wealth_position WHERE status = 'SUBSCRIBING'",
                Integer.class) > 0; round++) {
            recovery.recover(1000);
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM wealth_position WHERE status = 'SUBSCRIBING'", Integer.class)).isZero();
    }
}
