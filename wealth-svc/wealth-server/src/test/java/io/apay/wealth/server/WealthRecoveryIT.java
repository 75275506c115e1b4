package io.apay.wealth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.wealth.api.dto.ProductBalances;
import io.apay.wealth.server.dal.mapper.ReconMapper;
import io.apay.wealth.server.service.accrual.AccrualSteps;
import io.apay.wealth.server.service.recovery.WealthReconService;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.interceptor.TransactionInterceptor;

/**
 * A step whose ledger answer was lost (the intent left as it was, the ledger maybe applied) is finished by the
 * recovery with the same key, once the intent is older than recover-after; nothing moves twice.
 */
@ApayIntegrationTest
class WealthRecoveryIT extends WealthFixture {

    private static final LocalDate FIRST = LocalDate.of(2030, 1, 1);

    @Autowired
    AccrualSteps accrualSteps;

    @Autowired
    ReconMapper reconMapper;

    @Autowired
    TransactionInterceptor transactionInterceptor;

    @Test
    void anAccrualRunLeftCalculatedIsPostedByTheRecoveryOnceWhetherOrNotTheLedgerAppliedIt() {
        today(FIRST);
        Product p = product("STAKING", "USDT", "USDT", null, "0.0365", false, "0");
        long user = user("USDT", "2000");
        List<Long> positions = openPositions(p, List.of(new Open(user, "1000", FIRST), new Open(user, "1000", FIRST)));
        fund(p, "f-" + p.id(), "10");
        today(FIRST.plusDays(3));

        // day 1: calculated, never sent (the process stopped before the ledger call)
        long day1 = ((AccrualSteps.Calculation.Run) accrualSteps.calculate(p.id(), FIRST)).runId();
        assertThat(recover(100).data().asInt()).as("younger than recover-after").isZero();
        clock.advance(Duration.ofMinutes(1));
        assertThat(recover(100).data().asInt()).isEqualTo(1);
        assertThat(status(day1)).isEqualTo("POSTED");
        assertThat(productBalance(p, "USDT", "REWARD_PAYABLE")).isEqualByComparingTo("0.2");

        // day 2: posted in the ledger, its local completion lost (the answer never came back)
        long day2 = ((AccrualSteps.Calculation.Run) accrualSteps.calculate(p.id(), FIRST.plusDays(1))).runId();
        assertThat(accrualSteps.post(day2)).isEqualTo(AccrualSteps.Posting.POSTED);
        Long txn = jdbc.queryForObject("SELECT txn_id FROM wealth_accrual_run WHERE id = ?", Long.class, day2);
        undoPosting(p, day2, FIRST);
        clock.advance(Duration.ofMinutes(1));
        assertThat(recover(100).data().asInt()).isEqualTo(1);
        assertThat(status(day2)).isEqualTo("POSTED");
        assertThat(jdbc.queryForObject("SELECT txn_id FROM wealth_accrual_run WHERE id = ?", Long.class, day2)).isEqualTo(txn);
        assertThat(productBalance(p, "USDT", "REWARD_PAYABLE")).isEqualByComparingTo("0.4");
        assertThat(productBalance(p, "USDT", "REWARD_POOL")).isEqualByComparingTo("9.6");
        assertThat(jdbc.queryForList("SELECT accrued FROM wealth_position WHERE product_id = ? ORDER BY id", BigDecimal.class, p.id()))
                .usingElementComparator(BigDecimal::compareTo).containsExactly(new BigDecimal("0.2"), new BigDecimal("0.2"));

        // the next accrual call goes on from day 3, each day once
        assertThat(accrue(FIRST.plusDays(2)).status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT accrued_through FROM wealth_product WHERE id = ?", LocalDate.class, p.id())).isEqualTo(FIRST.plusDays(2));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM wealth_accrual WHERE position_id = ?", Integer.class, positions.get(0))).isEqualTo(3);
        assertLedgerInvariants();
    }

    @Test
    void aRedemptionAndAFundingWhoseLocalCompletionWasLostAreFinishedWithTheirFirstTransaction() {
        today(FIRST);
        Product p = product("STAKING", "USDT", "USDT", null, "0.0365", false, "0");
        long user = user("USDT", "100");
        long position = openPosition(p, user, "100", FIRST);
        Reply funded = fund(p, "f-" + p.id(), "5");
        long fundingTxn = funded.data().path("txnId").asLong();
        today(FIRST.plusDays(2));
        accrue(FIRST.plusDays(1)); // 2 x 0.01

        Reply redeemed = asUser(user, "POST", "/app-api/wealth/positions/" + position + "/redeem", null);
        assertThat(redeemed.data().path("status").asText()).isEqualTo("REDEEMED");
        long redeemTxn = redeemed.data().path("redeemTxnId").asLong();
        // both answers lost: the rows as they were before their completion
        jdbc.update("UPDATE wealth_position SET status = 'REDEEMING', redeem_txn_id = NULL, redeemed_at = NULL WHERE id = ?", position);
        jdbc.update("UPDATE wealth_product SET locked = locked + 100 WHERE id = ?", p.id());
        jdbc.update("UPDATE wealth_funding SET status = 'PENDING', txn_id = NULL WHERE product_id = ?", p.id());
        assertThat(reconOf(p).path("intentsUnderWay").asInt()).isEqualTo(2);

        clock.advance(Duration.ofMinutes(1));
        assertThat(recover(100).data().asInt()).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT redeem_txn_id FROM wealth_position WHERE id = ?", Long.class, position)).isEqualTo(redeemTxn);
        assertThat(jdbc.queryForObject("SELECT status FROM wealth_position WHERE id = ?", String.class, position)).isEqualTo("REDEEMED");
        assertThat(jdbc.queryForObject("SELECT locked FROM wealth_product WHERE id = ?", BigDecimal.class, p.id())).isZero();
        assertThat(jdbc.queryForObject("SELECT txn_id FROM wealth_funding WHERE product_id = ?", Long.class, p.id())).isEqualTo(fundingTxn);
        assertThat(balance("USER", Long.toString(user), "USDT", "AVAILABLE")).isEqualByComparingTo("100.02");
        assertThat(productBalance(p, "USDT", "REWARD_POOL")).isEqualByComparingTo("4.98");
        assertThat(reconOf(p).path("intentsUnderWay").asInt()).isZero();
        assertLedgerInvariants();
    }

    @Test
    void aFundingStoredButNeverSentIsMadeByTheRecovery() {
        today(FIRST);
        Product p = product("MINING", "USDT", "APAY", null, "0.001", false, "0");
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        jdbc.update("INSERT INTO wealth_funding (product_id, funding_no, coin, amount, status, operator, reason, created_at, updated_at)"
                + " VALUES (?, ?, 'APAY', 7.5, 'PENDING', '7', 'crashed before the ledger call', ?, ?)", p.id(), "crash-" + p.id(), now, now);
        clock.advance(Duration.ofMinutes(1));
        assertThat(recover(100).data().asInt()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT status FROM wealth_funding WHERE product_id = ?", String.class, p.id())).isEqualTo("DONE");
        assertThat(productBalance(p, "APAY", "REWARD_POOL")).isEqualByComparingTo("7.5");
        assertThat(recover(100).data().asInt()).isZero();
        assertThat(productBalance(p, "APAY", "REWARD_POOL")).isEqualByComparingTo("7.5");
    }

    @Test
    void aRunLeftCalculatedForAnEmptyPoolIsVoidedByTheRecoveryAndStallsItsProduct() {
        today(FIRST);
        Product p = product("STAKING", "USDT", "USDT", null, "0.0365", false, "0");
        long user = user("USDT", "100");
        long position = openPosition(p, user, "100", FIRST);
        today(FIRST.plusDays(1));
        long run = ((AccrualSteps.Calculation.Run) accrualSteps.calculate(p.id(), FIRST)).runId();
        clock.advance(Duration.ofMinutes(1));
        assertThat(recover(100).data().asInt()).isEqualTo(1);
        assertThat(status(run)).isEqualTo("VOIDED");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM wealth_accrual WHERE position_id = ?", Integer.class, position)).isZero();
        assertThat(jdbc.queryForObject("SELECT accrual_stalled_code FROM wealth_product WHERE id = ?", Integer.class, p.id())).isEqualTo(14001);
        assertThat(jdbc.queryForObject("SELECT accrued_through FROM wealth_product WHERE id = ?", LocalDate.class, p.id())).isNull();
        assertThat(productBalance(p, "USDT", "REWARD_PAYABLE")).isZero();
        assertThat(recover(100).data().asInt()).isZero();

        // funded, the next call accrues the day under a new run (the voided key is spent)
        fund(p, "f-" + p.id(), "1");
        assertThat(accrue(FIRST).status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT accrued_through FROM wealth_product WHERE id = ?", LocalDate.class, p.id())).isEqualTo(FIRST);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM wealth_accrual_run WHERE product_id = ? AND status = 'POSTED' AND id <> ?",
                Integer.class, p.id(), run)).isEqualTo(1);
        assertThat(productBalance(p, "USDT", "REWARD_PAYABLE")).isEqualByComparingTo("0.01");
        assertLedgerInvariants();
    }

    @Test
    void theReconciliationViewGivesTheAmountsOfTheIntentsUnderWayThatBoundTheLedger() {
        today(FIRST);
        Product p = product("STAKING", "USDT", "USDT", null, "0.0365", false, "0"); // 0.0001 a day per unit
        long user = user("USDT", "1330");
        List<Long> positions = openPositions(p, List.of(new Open(user, "100", FIRST), new Open(user, "200", FIRST),
                new Open(user, "1000", FIRST)));
        long redeemedLost = positions.get(0);
        long redeemingUnsent = positions.get(1);
        fund(p, "f-" + p.id(), "10");
        today(FIRST.plusDays(2));
        assertThat(accrue(FIRST.plusDays(1)).status()).isEqualTo(200); // accrued 0.02, 0.04, 0.2

        // a redemption applied in the ledger whose local completion was lost: REDEEMING with its amounts fixed
        Reply redeemed = asUser(user, "POST", "/app-api/wealth/positions/" + redeemedLost + "/redeem", null);
        assertThat(redeemed.data().path("status").asText()).as(redeemed.body().toString()).isEqualTo("REDEEMED");
        jdbc.update("UPDATE wealth_position SET status = 'REDEEMING', redeem_txn_id = NULL, redeemed_at = NULL WHERE id = ?", redeemedLost);
        jdbc.update("UPDATE wealth_product SET locked = locked + 100 WHERE id = ?", p.id());
        // a redemption asked, its amounts not fixed yet, nothing sent
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        jdbc.update("UPDATE wealth_position SET status = 'REDEEMING', redeem_kind = 'FLEXIBLE', redeem_requested_at = ? WHERE id = ?", now,
                redeemingUnsent);
        // the next day's run calculated (only the OPEN position of 1000 earns it: 0.1), never sent
        today(FIRST.plusDays(3));
        now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        // a subscription stored, its ledger move not sent yet
        jdbc.update("INSERT INTO wealth_position (user_id, product_id, request_no, request_hash, amount, status, start_day, accrued, created_at,"
                + " updated_at) VALUES (?, ?, ?, ?, 30, 'SUBSCRIBING', ?, 0, ?, ?)", user, p.id(), "sub-" + p.id(), "0".repeat(64),
                FIRST.plusDays(4), now, now);
        jdbc.update("UPDATE wealth_product SET locked = locked + 30 WHERE id = ?", p.id());
        long run = ((AccrualSteps.Calculation.Run) accrualSteps.calculate(p.id(), FIRST.plusDays(2))).runId();
        assertThat(status(run)).isEqualTo("CALCULATED");

        JsonNode recon = reconOf(p);
        assertThat(new BigDecimal(recon.path("principal").asText())).isEqualByComparingTo("1300");
        assertThat(new BigDecimal(recon.path("subscribing").asText())).isEqualByComparingTo("30");
        assertThat(new BigDecimal(recon.path("redeemingPrincipal").asText())).isEqualByComparingTo("300");
        assertThat(new BigDecimal(recon.path("rewardsOwed").asText())).isEqualByComparingTo("0.26");
        assertThat(new BigDecimal(recon.path("redeemingRewards").asText())).isEqualByComparingTo("0.06"); // fixed 0.02 + accrued 0.04
        assertThat(new BigDecimal(recon.path("calculatedRewards").asText())).isEqualByComparingTo("0.1");
        assertThat(recon.path("intentsUnderWay").asInt()).isEqualTo(4);
        // the ledger: 1300 moved in, 100 paid out; 0.26 accrued, 0.02 paid out
        assertThat(productBalance(p, "USDT", "STAKED")).isEqualByComparingTo("1200").isBetween(new BigDecimal("1000"), new BigDecimal("1330"));
        assertThat(productBalance(p, "USDT", "REWARD_PAYABLE")).isEqualByComparingTo("0.24")
                .isBetween(new BigDecimal("0.2"), new BigDecimal("0.36"));

        // the recovery ends every intent, and the view then equals the ledger
        clock.advance(Duration.ofMinutes(1));
        assertThat(recover(100).data().asInt()).isEqualTo(4);
        recon = reconOf(p);
        assertThat(recon.path("intentsUnderWay").asInt()).isZero();
        for (String inFlight : List.of("subscribing", "redeemingPrincipal", "redeemingRewards", "calculatedRewards")) {
            assertThat(new BigDecimal(recon.path(inFlight).asText())).as(inFlight).isZero();
        }
        assertThat(new BigDecimal(recon.path("principal").asText())).isEqualByComparingTo(productBalance(p, "USDT", "STAKED"));
        assertThat(new BigDecimal(recon.path("rewardsOwed").asText())).isEqualByComparingTo(productBalance(p, "USDT", "REWARD_PAYABLE"));
        assertLedgerInvariants();
    }

    @Test
    void theReconciliationViewIsOneSnapshotThoughAnIntentEndsBetweenItsReads() throws Exception {
        today(FIRST);
        Product p = product("STAKING", "USDT", "USDT", null, "0.0365", false, "0");
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        jdbc.update("INSERT INTO wealth_position (user_id, product_id, request_no, request_hash, amount, status, start_day, accrued, created_at,"
                + " updated_at) VALUES (?, ?, ?, ?, 30, 'SUBSCRIBING', ?, 0, ?, ?)", 4_999_999L, p.id(), "snap-" + p.id(), "0".repeat(64),
                FIRST.plusDays(1), now, now);
        // the subscription ends (OPEN, committed on another connection) right after the view's first read
        AtomicBoolean ended = new AtomicBoolean();
        ReconMapper racing = (ReconMapper) Proxy.newProxyInstance(ReconMapper.class.getClassLoader(), new Class<?>[] {ReconMapper.class},
                (proxy, method, args) -> {
                    Object read = method.invoke(reconMapper, args);
                    if (method.getName().equals("held") && ended.compareAndSet(false, true)) {
                        CompletableFuture.runAsync(() -> jdbc.update("UPDATE wealth_position SET status = 'OPEN' WHERE product_id = ?", p.id()))
                                .get(10, TimeUnit.SECONDS);
                    }
                    return read;
                });
        // the service as the application has it: behind the transaction advice its annotation asks for
        ProxyFactory factory = new ProxyFactory(new WealthReconService(racing));
        factory.setProxyTargetClass(true);
        factory.addAdvice(transactionInterceptor);
        WealthReconService service = (WealthReconService) factory.getProxy();

        ProductBalances b = service.products().stream().filter(x -> x.productId() == p.id()).findFirst().orElseThrow();
        assertThat(ended).isTrue();
        assertThat(b.subscribing()).isEqualByComparingTo("30");
        assertThat(b.principal()).isZero();
        assertThat(b.intentsUnderWay()).as("the intent counted with its amount, in the same snapshot").isEqualTo(1);
        b = service.products().stream().filter(x -> x.productId() == p.id()).findFirst().orElseThrow();
        assertThat(b.principal()).isEqualByComparingTo("30");
        assertThat(b.subscribing()).isZero();
        assertThat(b.intentsUnderWay()).isZero();
        // nothing moved in the ledger for it: leave it FAILED, out of every other test's way
        jdbc.update("UPDATE wealth_position SET status = 'FAILED' WHERE product_id = ?", p.id());
    }

    private JsonNode reconOf(Product p) {
        for (JsonNode b : rpc("GET", "/rpc-api/wealth/recon/products", null).data()) {
            if (b.path("productId").asLong() == p.id()) {
                return b;
            }
        }
        throw new AssertionError("product " + p.id() + " not in the reconciliation");
    }

    private String status(long runId) {
        return jdbc.queryForObject("SELECT status FROM wealth_accrual_run WHERE id = ?", String.class, runId);
    }

    /** The local state before a run's completion: run CALCULATED, its rewards off the positions, the product a day back. */
    private void undoPosting(Product p, long runId, LocalDate previousDay) {
        jdbc.update("UPDATE wealth_position pos JOIN wealth_accrual a ON a.position_id = pos.id SET pos.accrued = pos.accrued - a.amount,"
                + " pos.accrued_through = ? WHERE a.run_id = ?", previousDay, runId);
        jdbc.update("UPDATE wealth_accrual_run SET status = 'CALCULATED', txn_id = NULL WHERE id = ?", runId);
        jdbc.update("UPDATE wealth_product SET accrued_through = ? WHERE id = ?", previousDay, p.id());
    }
}
