package io.apay.wealth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.apay.common.test.ApayIntegrationTest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The acceptance of the daily accrual (docs/wealth.md, "Accrual"): three products of 1,000 positions each over 400
 * simulated days with a 10-day outage, against the real ledger. Every row is recomputed here, every position has
 * exactly one row per day it earned, the rounding is what the formula on the whole product leaves, and the ledger's
 * accounts of each product hold what wealth-svc says.
 */
@ApayIntegrationTest
class AccrualIT extends WealthFixture {

    private static final LocalDate FIRST = LocalDate.of(2030, 1, 1);
    private static final int DAYS = 400;
    private static final int POSITIONS = 1000;
    private static final int OUTAGE_FROM = 200;
    private static final int OUTAGE_DAYS = 10;

    private record Pos(long id, long productId, BigDecimal amount, LocalDate start, LocalDate end, String status, BigDecimal accrued,
                       BigDecimal rewardPaid) {
    }

    @Test
    void fourHundredDaysOfThreeProductsWithAnOutageAccrueEveryPositionOnceADayExactly() {
        long started = System.nanoTime();
        today(FIRST);
        Product flexible = product("STAKING", "USDT", "USDT", null, "0.0735", false, "0");
        Product fixed = product("STAKING", "USDT", "USDT", 365, "0.12", true, "0.5");
        Product mining = product("MINING", "USDT", "APAY", null, "0.00137", false, "0");
        List<Product> all = List.of(flexible, fixed, mining);
        Map<Long, Product> byId = new HashMap<>();
        Map<Long, BigDecimal> funded = Map.of(flexible.id(), new BigDecimal("2000000"), fixed.id(), new BigDecimal("3000000"),
                mining.id(), new BigDecimal("10000000"));
        Random random = new Random(20300101);
        for (Product p : all) {
            byId.put(p.id(), p);
            List<Open> opens = new ArrayList<>(POSITIONS);
            long user = 0;
            for (int i = 0; i < POSITIONS; i++) {
                if (i % 10 == 0) {
                    user = user("USDT", "3000000");
                }
                opens.add(new Open(user, principal(random), FIRST.plusDays(random.nextInt(30))));
            }
            openPositions(p, opens);
            Reply f = fund(p, "budget-" + p.id(), funded.get(p.id()).toPlainString());
            assertThat(f.status()).as(f.body().toString()).isEqualTo(200);
            assertThat(f.data().path("status").asText()).isEqualTo("DONE");
        }
        long setUp = System.nanoTime();

        LocalDate last = FIRST.plusDays(DAYS - 1);
        long productDays = 0;
        long positionDays = 0;
        int maturities = 0;
        for (int i = 1; i <= DAYS; i++) {
            today(FIRST.plusDays(i));
            if (i >= OUTAGE_FROM && i < OUTAGE_FROM + OUTAGE_DAYS) {
                continue; // the outage: no call; the next one catches up
            }
            Reply r = accrue(today().minusDays(1));
            assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
            assertThat(r.data().path("stalledProducts").size()).isZero();
            productDays += r.data().path("productDays").asLong();
            positionDays += r.data().path("positionDays").asLong();
            maturities += r.data().path("maturitiesStarted").asInt();
        }
        long accrued = System.nanoTime();

        // the positions and every row, recomputed here
        Map<Long, Pos> positions = new HashMap<>();
        jdbc.query("SELECT id, product_id, amount, start_day, end_day, status, accrued, reward_paid FROM wealth_position", rs -> {
            positions.put(rs.getLong(1), new Pos(rs.getLong(1), rs.getLong(2), rs.getBigDecimal(3), rs.getObject(4, LocalDate.class),
                    rs.getObject(5, LocalDate.class), rs.getString(6), rs.getBigDecimal(7), rs.getBigDecimal(8)));
        });
        Map<Long, long[]> daysOf = new HashMap<>(); // count, first epoch day, last epoch day
        Map<Long, BigDecimal> sumOf = new HashMap<>();
        Map<Long, BigDecimal> sumOfRun = new HashMap<>();
        Map<Long, Integer> rowsOfRun = new HashMap<>();
        List<String> wrong = new ArrayList<>();
        long[] rows = {0};
        jdbc.query("SELECT position_id, day, run_id, amount FROM wealth_accrual", rs -> {
            rows[0]++;
            Pos pos = positions.get(rs.getLong(1));
            long day = rs.getObject(2, LocalDate.class).toEpochDay();
            BigDecimal amount = rs.getBigDecimal(4);
            if (amount.compareTo(reward(byId.get(pos.productId()), pos.amount())) != 0 && wrong.size() < 10) {
                wrong.add(pos.id() + "@" + LocalDate.ofEpochDay(day) + ": " + amount);
            }
            long[] d = daysOf.computeIfAbsent(pos.id(), k -> new long[] {0, Long.MAX_VALUE, Long.MIN_VALUE});
            d[0]++;
            d[1] = Math.min(d[1], day);
            d[2] = Math.max(d[2], day);
            sumOf.merge(pos.id(), amount, BigDecimal::add);
            sumOfRun.merge(rs.getLong(3), amount, BigDecimal::add);
            rowsOfRun.merge(rs.getLong(3), 1, Integer::sum);
        });
        assertThat(wrong).as("rows that differ from principal × rate, rounded down").isEmpty();
        assertThat(rows[0]).isEqualTo(positionDays);
        for (Pos pos : positions.values()) {
            LocalDate lastDay = pos.end() == null || pos.end().isAfter(last) ? last : pos.end();
            long[] d = daysOf.get(pos.id());
            // the primary key (position, day) forbids a day twice: the count over [first, last] says none is missing
            assertThat(d).as("days of position %d", pos.id())
                    .containsExactly(lastDay.toEpochDay() - pos.start().toEpochDay() + 1, pos.start().toEpochDay(), lastDay.toEpochDay());
            assertThat(pos.accrued()).as("accrued of %d", pos.id()).isEqualByComparingTo(sumOf.get(pos.id()));
            if (pos.end() != null) {
                assertThat(pos.status()).as("matured position %d", pos.id()).isEqualTo("REDEEMED");
                assertThat(pos.rewardPaid()).isEqualByComparingTo(sumOf.get(pos.id()));
            } else {
                assertThat(pos.status()).isEqualTo("OPEN");
            }
        }
        assertThat(maturities).isEqualTo(POSITIONS);

        // the runs: each the formula on the product's principal, its rounding what the rows leave of it
        Map<Long, BigDecimal> roundingOf = new HashMap<>();
        Map<Long, BigDecimal> grossOf = new HashMap<>();
        List<Map<String, Object>> runs = jdbc.queryForList("SELECT id, product_id, status, positions, principal, gross, paid, rounding FROM wealth_accrual_run");
        for (Map<String, Object> run : runs) {
            long id = ((Number) run.get("id")).longValue();
            Product p = byId.get(((Number) run.get("product_id")).longValue());
            assertThat(run.get("status")).isEqualTo("POSTED");
            assertThat(((Number) run.get("positions")).intValue()).isEqualTo(rowsOfRun.get(id));
            assertThat((BigDecimal) run.get("gross")).isEqualByComparingTo(reward(p, (BigDecimal) run.get("principal")));
            assertThat((BigDecimal) run.get("paid")).isEqualByComparingTo(sumOfRun.get(id));
            assertThat((BigDecimal) run.get("rounding")).isEqualByComparingTo(((BigDecimal) run.get("gross")).subtract(sumOfRun.get(id)));
            roundingOf.merge(p.id(), (BigDecimal) run.get("rounding"), BigDecimal::add);
            grossOf.merge(p.id(), (BigDecimal) run.get("gross"), BigDecimal::add);
        }

        // the same totals computed here from the positions alone, day by day
        for (Product p : all) {
            List<Pos> mine = positions.values().stream().filter(x -> x.productId() == p.id()).toList();
            BigDecimal gross = BigDecimal.ZERO;
            BigDecimal rounding = BigDecimal.ZERO;
            int runDays = 0;
            for (LocalDate day = FIRST; !day.isAfter(last); day = day.plusDays(1)) {
                BigDecimal principal = BigDecimal.ZERO;
                BigDecimal paid = BigDecimal.ZERO;
                boolean any = false;
                for (Pos x : mine) {
                    if (!x.start().isAfter(day) && (x.end() == null || !x.end().isBefore(day))) {
                        principal = principal.add(x.amount());
                        paid = paid.add(reward(p, x.amount()));
                        any = true;
                    }
                }
                if (any) {
                    runDays++;
                    BigDecimal g = reward(p, principal);
                    gross = gross.add(g);
                    rounding = rounding.add(g.subtract(paid));
                }
            }
            final long productId = p.id();
            assertThat(runs.stream().filter(r -> ((Number) r.get("product_id")).longValue() == productId).count()).isEqualTo(runDays);
            assertThat(grossOf.get(p.id())).isEqualByComparingTo(gross);
            assertThat(roundingOf.get(p.id())).as("rounding of %s", p.code()).isEqualByComparingTo(rounding);
            assertThat(rounding.signum()).isPositive();
            assertThat(productBalance(p, p.rewardCoin(), "ROUNDING")).isEqualByComparingTo(rounding);
            BigDecimal owed = mine.stream().filter(x -> x.status().equals("OPEN")).map(Pos::accrued).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal staked = mine.stream().filter(x -> x.status().equals("OPEN")).map(Pos::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(productBalance(p, p.rewardCoin(), "REWARD_PAYABLE")).as("payable of %s", p.code()).isEqualByComparingTo(owed);
            assertThat(productBalance(p, p.rewardCoin(), "REWARD_POOL")).as("pool of %s", p.code())
                    .isEqualByComparingTo(funded.get(p.id()).subtract(gross));
            assertThat(productBalance(p, p.lockCoin(), "STAKED")).as("staked of %s", p.code()).isEqualByComparingTo(staked);
            assertThat(jdbc.queryForObject("SELECT accrued_through FROM wealth_product WHERE id = ?", LocalDate.class, p.id())).isEqualTo(last);
        }
        assertLedgerInvariants();
        assertReconMatchesTheLedger(all);

        // a re-run of the last day, and of the whole range, changes nothing
        Map<String, BigDecimal> before = balances(all);
        for (LocalDate through : List.of(last, FIRST, last.minusDays(OUTAGE_FROM))) {
            Reply again = accrue(through);
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.data().path("productDays").asInt()).isZero();
            assertThat(again.data().path("positionDays").asLong()).isZero();
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM wealth_accrual", Long.class)).isEqualTo(rows[0]);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM wealth_accrual_run", Integer.class)).isEqualTo(runs.size());
        assertThat(balances(all)).isEqualTo(before);
        for (Product p : all) {
            assertThat(jdbc.queryForObject("SELECT accrued_through FROM wealth_product WHERE id = ?", LocalDate.class, p.id())).isEqualTo(last);
        }
        long done = System.nanoTime();
        System.out.printf("AccrualIT: %d products x %d positions, %d days (%d-day outage): %d product-days, %d accrual rows, %d runs, %d maturities;"
                        + " set-up %.1f s, accrual %.1f s (%.1f ms per call), checks %.1f s, total %.1f s%n",
                all.size(), POSITIONS, DAYS, OUTAGE_DAYS, productDays, rows[0], runs.size(), maturities, (setUp - started) / 1e9,
                (accrued - setUp) / 1e9, (accrued - setUp) / 1e6 / (DAYS - OUTAGE_DAYS), (done - accrued) / 1e9, (done - started) / 1e9);
    }

    /** Tiny principals (rewards that round to 0 or leave big remainders) to large ones, at USDT's 6 decimals. */
    private static String principal(Random random) {
        int kind = random.nextInt(10);
        long micros = switch (kind) {
            case 0 -> 1 + random.nextInt(1_000);                       // 0.000001 - 0.001
            case 1, 2, 3 -> 10_000 + (long) (random.nextDouble() * 100_000_000L);   // 0.01 - 100
            case 9 -> 10_000_000_000L + (long) (random.nextDouble() * 190_000_000_000L); // 10,000 - 200,000
            default -> 100_000_000L + (long) (random.nextDouble() * 9_900_000_000L);  // 100 - 10,000
        };
        return BigDecimal.valueOf(micros, 6).toPlainString();
    }

    private Map<String, BigDecimal> balances(List<Product> products) {
        Map<String, BigDecimal> m = new HashMap<>();
        for (Product p : products) {
            for (String kind : List.of("REWARD_POOL", "REWARD_PAYABLE", "ROUNDING")) {
                m.put(p.code() + ":" + kind, productBalance(p, p.rewardCoin(), kind));
            }
            m.put(p.code() + ":STAKED", productBalance(p, p.lockCoin(), "STAKED"));
        }
        return m;
    }

    private void assertReconMatchesTheLedger(List<Product> products) {
        Reply recon = rpc("GET", "/rpc-api/wealth/recon/products", null);
        assertThat(recon.status()).isEqualTo(200);
        assertThat(recon.data().size()).isEqualTo(products.size());
        for (JsonNode b : recon.data()) {
            Product p = products.stream().filter(x -> x.id() == b.path("productId").asLong()).findFirst().orElseThrow();
            assertThat(b.path("ledgerOwnerId").asText()).isEqualTo(p.owner());
            assertThat(new BigDecimal(b.path("principal").asText())).isEqualByComparingTo(productBalance(p, p.lockCoin(), "STAKED"));
            assertThat(new BigDecimal(b.path("rewardsOwed").asText())).isEqualByComparingTo(productBalance(p, p.rewardCoin(), "REWARD_PAYABLE"));
            assertThat(b.path("intentsUnderWay").asInt()).isZero();
            for (String inFlight : List.of("subscribing", "redeemingPrincipal", "redeemingRewards", "calculatedRewards")) {
                assertThat(new BigDecimal(b.path(inFlight).asText())).as(inFlight).isZero();
            }
        }
    }
}
