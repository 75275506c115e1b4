package io.apay.wealth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.wealth.server.service.accrual.AccrualSteps;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Redemptions (docs/wealth.md, "Redemption") against the real ledger: what comes back, and from which account. */
@ApayIntegrationTest
class RedemptionIT extends WealthFixture {

    /** Each test its own days: the products of the other tests accrue along, each from its own first day. */
    private static final LocalDate FIRST = LocalDate.of(2030, 1, 1);

    @Autowired
    AccrualSteps accrualSteps;

    @Test
    void aFlexiblePositionGetsItsPrincipalAndAccruedRewardBackAndCannotBeRedeemedTwice() {
        today(FIRST);
        Product p = product("STAKING", "USDT", "USDT", null, "0.0365", false, "0"); // a day pays principal / 10,000
        long user = user("USDT", "1000");
        long position = openPosition(p, user, "1000", FIRST.plusDays(1));
        fund(p, "f-" + p.id(), "10");
        today(FIRST.plusDays(4));
        assertThat(accrue(FIRST.plusDays(3)).status()).isEqualTo(200);
        assertThat(productBalance(p, "USDT", "REWARD_PAYABLE")).isEqualByComparingTo("0.3");

        Reply other = asUser(user + 1, "POST", "/app-api/wealth/positions/" + position + "/redeem", null);
        assertThat(other.code()).isEqualTo(18011);

        Reply r = asUser(user, "POST", "/app-api/wealth/positions/" + position + "/redeem", null);
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        assertThat(r.data().path("status").asText()).isEqualTo("REDEEMED");
        assertThat(r.data().path("kind").asText()).isEqualTo("FLEXIBLE");
        assertThat(r.data().path("principal").asText()).isEqualTo("1000.000000");
        assertThat(r.data().path("rewardPaid").asText()).isEqualTo("0.300000");
        assertThat(r.data().path("penalty").asText()).isEqualTo("0.000000");
        assertThat(balance("USER", Long.toString(user), "USDT", "AVAILABLE")).isEqualByComparingTo("1000.3");
        assertThat(productBalance(p, "USDT", "REWARD_PAYABLE")).isZero();
        assertThat(productBalance(p, "USDT", "STAKED")).isZero();
        assertThat(jdbc.queryForObject("SELECT locked FROM wealth_product WHERE id = ?", BigDecimal.class, p.id())).isZero();

        Reply again = asUser(user, "POST", "/app-api/wealth/positions/" + position + "/redeem", null);
        assertThat(again.code()).isEqualTo(18012);
        assertThat(balance("USER", Long.toString(user), "USDT", "AVAILABLE")).isEqualByComparingTo("1000.3");
        assertLedgerInvariants();
    }

    @Test
    void aRedemptionAfterTheDailyJobMissedDaysIsPaidThemAndARefusedOneDoesNoAccrualWork() {
        today(FIRST);
        Product flexible = product("STAKING", "USDT", "USDT", null, "0.0365", false, "0"); // a day pays principal / 10,000
        Product locked = product("STAKING", "USDT", "USDT", 30, "0.0365", false, "0");
        long user = user("USDT", "2000");
        long position = openPosition(flexible, user, "1000", FIRST.plusDays(1));
        long kept = openPosition(locked, user, "1000", FIRST.plusDays(1));
        fund(flexible, "f-" + flexible.id(), "10");
        fund(locked, "f-" + locked.id(), "10");
        today(FIRST.plusDays(2));
        assertThat(accrue(FIRST.plusDays(1)).status()).isEqualTo(200);
        today(FIRST.plusDays(5)); // the job did not run for days 2, 3 and 4

        Reply refused = asUser(user, "POST", "/app-api/wealth/positions/" + kept + "/redeem", null);
        assertThat(refused.code()).isEqualTo(18013);
        assertThat(jdbc.queryForObject("SELECT accrued_through FROM wealth_product WHERE id = ?", java.time.LocalDate.class, locked.id()))
                .as("a refused redemption accrues nothing").isEqualTo(FIRST.plusDays(1));

        Reply r = asUser(user, "POST", "/app-api/wealth/positions/" + position + "/redeem", null);
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        assertThat(r.data().path("status").asText()).isEqualTo("REDEEMED");
        assertThat(r.data().path("rewardPaid").asText()).as("days 1 to 4, the three the job missed included").isEqualTo("0.400000");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM wealth_accrual WHERE position_id = ?", Integer.class, position)).isEqualTo(4);
        assertThat(balance("USER", Long.toString(user), "USDT", "AVAILABLE")).isEqualByComparingTo("1000.4");
        assertThat(productBalance(flexible, "USDT", "REWARD_PAYABLE")).isZero();
        assertLedgerInvariants();
    }

    @Test
    void aFixedTermPositionThatBecameOpenOnlyAfterItsDaysWereAccruedStillMaturesAndGetsItsPrincipalBack() {
        today(FIRST);
        Product p = product("STAKING", "USDT", "USDT", 2, "0.0365", false, "0");
        long early = user("USDT", "1000");
        openPosition(p, early, "1000", FIRST.plusDays(1));
        fund(p, "f-" + p.id(), "10");
        today(FIRST.plusDays(3));
        assertThat(accrue(FIRST.plusDays(2)).status()).isEqualTo(200); // days 1 and 2: the product is through its term
        // a subscription whose ledger answer was lost over those days: OPEN only now, none of its days accrued
        long late = user("USDT", "500");
        long position = openPosition(p, late, "500", FIRST.plusDays(1));

        today(FIRST.plusDays(4));
        assertThat(accrue(FIRST.plusDays(3)).status()).isEqualTo(200);
        Map<String, Object> row = jdbc.queryForMap("SELECT status, redeem_kind, reward_paid FROM wealth_position WHERE id = ?", position);
        assertThat(row.get("status")).isEqualTo("REDEEMED");
        assertThat(row.get("redeem_kind")).isEqualTo("MATURITY");
        assertThat((BigDecimal) row.get("reward_paid")).isZero();
        assertThat(balance("USER", Long.toString(late), "USDT", "AVAILABLE")).isEqualByComparingTo("500");
        assertThat(productBalance(p, "USDT", "STAKED")).isZero();
        assertLedgerInvariants();
    }

    @Test
    void anEarlyRedemptionForfeitsItsShareOfTheRewardToThePoolAndANoEarlyRedeemProductRefusesIt() {
        today(FIRST);
        Product early = product("STAKING", "USDT", "USDT", 30, "0.0365", true, "0.3333");
        Product locked = product("STAKING", "USDT", "USDT", 30, "0.0365", false, "0");
        long user = user("USDT", "2234.567891");
        long position = openPosition(early, user, "1234.567891", FIRST.plusDays(1));
        long kept = openPosition(locked, user, "1000", FIRST.plusDays(1));
        fund(early, "f-" + early.id(), "100");
        fund(locked, "f-" + locked.id(), "100");
        today(FIRST.plusDays(4));
        assertThat(accrue(FIRST.plusDays(3)).status()).isEqualTo(200);
        // a day: floor_6(1234.567891 / 10,000) = 0.123456; three days 0.370368; penalty floor_6(0.370368 x 0.3333) = 0.123443
        Reply r = asUser(user, "POST", "/app-api/wealth/positions/" + position + "/redeem", null);
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        assertThat(r.data().path("kind").asText()).isEqualTo("EARLY");
        assertThat(r.data().path("accrued").asText()).isEqualTo("0.370368");
        assertThat(r.data().path("penalty").asText()).isEqualTo("0.123443");
        assertThat(r.data().path("rewardPaid").asText()).isEqualTo("0.246925");
        assertThat(balance("USER", Long.toString(user), "USDT", "AVAILABLE")).isEqualByComparingTo("1234.814816");
        assertThat(productBalance(early, "USDT", "REWARD_POOL")).isEqualByComparingTo("99.753075"); // 100 - 0.370368 + 0.123443
        assertThat(productBalance(early, "USDT", "REWARD_PAYABLE")).isZero();

        Reply refused = asUser(user, "POST", "/app-api/wealth/positions/" + kept + "/redeem", null);
        assertThat(refused.code()).isEqualTo(18013);
        assertThat(jdbc.queryForObject("SELECT status FROM wealth_position WHERE id = ?", String.class, kept)).isEqualTo("OPEN");
        assertThat(productBalance(locked, "USDT", "STAKED")).isEqualByComparingTo("1000");
        assertThat(productBalance(locked, "USDT", "REWARD_PAYABLE")).isEqualByComparingTo("0.3");
        assertThat(balance("USER", Long.toString(user), "USDT", "AVAILABLE")).isEqualByComparingTo("1234.814816");
        assertLedgerInvariants();
    }

    @Test
    void aMaturedPositionIsRedeemedByTheAccrualCallThatAccruesItsLastDay() {
        today(FIRST);
        Product p = product("STAKING", "USDT", "USDT", 3, "0.0365", false, "0");
        long user = user("USDT", "100");
        long position = openPosition(p, user, "100", FIRST.plusDays(1)); // days 2030-01-02 .. 01-04, matures 01-05
        fund(p, "f-" + p.id(), "1");
        today(FIRST.plusDays(3));
        Reply notYet = accrue(FIRST.plusDays(2));
        assertThat(notYet.status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT status FROM wealth_position WHERE id = ?", String.class, position)).isEqualTo("OPEN");

        today(FIRST.plusDays(4)); // its maturity day: the call accrues its last day and redeems it
        Reply r = accrue(FIRST.plusDays(3));
        assertThat(r.data().path("maturitiesStarted").asInt()).isGreaterThanOrEqualTo(1);
        Map<String, Object> row = jdbc.queryForMap("SELECT status, redeem_kind, reward_paid, penalty, accrued_through FROM wealth_position WHERE id = ?", position);
        assertThat(row.get("status")).isEqualTo("REDEEMED");
        assertThat(row.get("redeem_kind")).isEqualTo("MATURITY");
        assertThat((BigDecimal) row.get("reward_paid")).isEqualByComparingTo("0.03");
        assertThat((BigDecimal) row.get("penalty")).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM wealth_accrual WHERE position_id = ?", Integer.class, position)).isEqualTo(3);
        assertThat(balance("USER", Long.toString(user), "USDT", "AVAILABLE")).isEqualByComparingTo("100.03");
        assertThat(productBalance(p, "USDT", "STAKED")).isZero();
        assertThat(productBalance(p, "USDT", "REWARD_PAYABLE")).isZero();
        assertLedgerInvariants();
    }

    @Test
    void aRedemptionAskedWhileItsDayIsBeingPostedWaitsAndThenIncludesThatDay() {
        today(FIRST);
        Product p = product("STAKING", "USDT", "USDT", null, "0.0365", false, "0");
        long user = user("USDT", "500");
        long position = openPosition(p, user, "500", FIRST.plusDays(1));
        fund(p, "f-" + p.id(), "1");
        today(FIRST.plusDays(3));
        assertThat(accrue(FIRST.plusDays(1)).status()).isEqualTo(200); // day 1: 0.05
        // the accrual of day 2 calculated, its ledger move not answered yet
        AccrualSteps.Calculation calculated = accrualSteps.calculate(p.id(), FIRST.plusDays(2));
        assertThat(calculated).isInstanceOf(AccrualSteps.Calculation.Run.class);

        Reply r = asUser(user, "POST", "/app-api/wealth/positions/" + position + "/redeem", null);
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        assertThat(r.data().path("status").asText()).isEqualTo("REDEEMING");
        assertThat(r.data().hasNonNull("rewardPaid")).isFalse();
        assertThat(balance("USER", Long.toString(user), "USDT", "AVAILABLE")).isZero();

        clock.advance(Duration.ofMinutes(1));
        assertThat(recover(100).data().asInt()).isEqualTo(2); // the run, then the redemption
        Map<String, Object> row = jdbc.queryForMap("SELECT status, reward_paid FROM wealth_position WHERE id = ?", position);
        assertThat(row.get("status")).isEqualTo("REDEEMED");
        assertThat((BigDecimal) row.get("reward_paid")).isEqualByComparingTo("0.1");
        assertThat(balance("USER", Long.toString(user), "USDT", "AVAILABLE")).isEqualByComparingTo("500.1");
        assertThat(productBalance(p, "USDT", "REWARD_PAYABLE")).isZero();
        assertThat(productBalance(p, "USDT", "STAKED")).isZero();
        assertLedgerInvariants();
    }

    @Test
    void aRedemptionTheLedgerRefusesIsLeftRedeemingAndReportedNeverVoided() {
        today(FIRST);
        Product p = product("STAKING", "USDT", "USDT", null, "0.0365", false, "0");
        long user = user("USDT", "10");
        long position = openPosition(p, user, "10", FIRST.plusDays(1));
        // the product's STAKED no longer holds the position (a broken invariant, made here by hand)
        Reply taken = ledger("POST", "/rpc-api/ledger/transfers", json("idempotencyKey", "break-" + p.id(), "legs", java.util.List.of(Map.of(
                "from", account("PRODUCT", p.owner(), "USDT", "STAKED"), "to", account("PRODUCT", p.owner(), "USDT", "REWARD_POOL"), "amount", "10"))));
        assertThat(taken.status()).isEqualTo(200);

        Reply r = asUser(user, "POST", "/app-api/wealth/positions/" + position + "/redeem", null);
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        assertThat(r.data().path("status").asText()).isEqualTo("REDEEMING");
        assertThat(balance("USER", Long.toString(user), "USDT", "AVAILABLE")).isZero();
        Reply key = ledger("GET", "/rpc-api/ledger/transactions/by-key?idempotencyKey=wealth:redeem:" + position, null);
        assertThat(key.status()).as("the key is not voided: the redemption is owed").isEqualTo(404);
        JsonNode recon = null;
        for (JsonNode b : rpc("GET", "/rpc-api/wealth/recon/products", null).data()) {
            if (b.path("productId").asLong() == p.id()) {
                recon = b;
            }
        }
        assertThat(recon.path("intentsUnderWay").asInt()).isEqualTo(1);
        assertThat(new BigDecimal(recon.path("principal").asText())).isEqualByComparingTo("10");
        // STAKED (0) looks like this redemption already paid out: excused while young, a STUCK_INTENT after the grace
        assertThat(new BigDecimal(recon.path("redeemingPrincipal").asText())).isEqualByComparingTo("10");
    }

    @Test
    void redemptionsRacingAnAccrualCatchUpNeitherLoseNorPayTwiceAPostedDay() throws Exception {
        today(FIRST);
        Product p = product("STAKING", "USDT", "USDT", null, "0.0365", false, "0");
        java.util.List<Open> opens = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            opens.add(new Open(user("USDT", "100"), "100", FIRST.plusDays(1)));
        }
        java.util.List<Long> positions = openPositions(p, opens);
        fund(p, "f-" + p.id(), "1000");
        today(FIRST.plusDays(3));
        assertThat(accrue(FIRST.plusDays(2)).status()).isEqualTo(200);

        today(FIRST.plusDays(9));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(9);
        try {
            java.util.concurrent.Future<Reply> accrual = pool.submit(() -> accrue(FIRST.plusDays(8))); // six days in one call
            java.util.List<java.util.concurrent.Future<Reply>> redeems = new java.util.ArrayList<>();
            for (int i = 0; i < positions.size(); i++) {
                long position = positions.get(i);
                long owner = opens.get(i).userId();
                redeems.add(pool.submit(() -> asUser(owner, "POST", "/app-api/wealth/positions/" + position + "/redeem", null)));
            }
            assertThat(accrual.get().status()).isEqualTo(200);
            for (java.util.concurrent.Future<Reply> f : redeems) {
                Reply r = f.get();
                assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
                assertThat(r.data().path("status").asText()).isIn("REDEEMED", "REDEEMING");
            }
        } finally {
            pool.shutdown();
        }
        clock.advance(Duration.ofMinutes(1));
        recover(1000); // the redemptions that waited for a run
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM wealth_accrual_run WHERE product_id = ? AND status <> 'POSTED'", Integer.class, p.id()))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT accrued_through FROM wealth_product WHERE id = ?", LocalDate.class, p.id())).isEqualTo(FIRST.plusDays(8));
        for (int i = 0; i < positions.size(); i++) {
            long position = positions.get(i);
            Map<String, Object> row = jdbc.queryForMap("SELECT status, accrued, reward_paid FROM wealth_position WHERE id = ?", position);
            BigDecimal rows = jdbc.queryForObject("SELECT COALESCE(SUM(amount), 0) FROM wealth_accrual WHERE position_id = ?", BigDecimal.class, position);
            assertThat(row.get("status")).isEqualTo("REDEEMED");
            // every day posted for the position was paid to it, and no day after its amounts were fixed was posted
            assertThat((BigDecimal) row.get("reward_paid")).as("position %d", position).isEqualByComparingTo(rows);
            assertThat((BigDecimal) row.get("accrued")).isEqualByComparingTo(rows);
            assertThat(balance("USER", Long.toString(opens.get(i).userId()), "USDT", "AVAILABLE")).isEqualByComparingTo(rows.add(new BigDecimal("100")));
        }
        assertThat(productBalance(p, "USDT", "REWARD_PAYABLE")).isZero();
        assertThat(productBalance(p, "USDT", "STAKED")).isZero();
        assertThat(jdbc.queryForObject("SELECT locked FROM wealth_product WHERE id = ?", BigDecimal.class, p.id())).isZero();
        assertLedgerInvariants();
    }
}
