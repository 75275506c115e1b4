package io.apay.wealth.server;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Products and OPEN positions for the accrual and redemption tests, made the way the product admin and a subscription
 * make them (that code is another part of wealth-svc): a product row ON_SALE, a position row OPEN with its quota in
 * {@code locked}, and its principal moved in the real ledger exactly as a subscription moves it (key
 * {@code wealth:subscribe:<positionId>}, the user's AVAILABLE to the product's STAKED).
 */
abstract class WealthFixture extends WealthTestSupport {

    private static final AtomicLong USERS = new AtomicLong(5_000_000);

    /** One product as the test knows it. */
    record Product(long id, String code, String type, String lockCoin, String rewardCoin, Integer termDays, BigDecimal rate, int rewardScale) {
        String owner() {
            return "product-" + id;
        }
    }

    /** A position to open: who, how much, its first day. */
    record Open(long userId, String amount, LocalDate startDay) {
    }

    static int scale(String coin) {
        return switch (coin) {
            case "USDT" -> 6;
            case "APAY", "BTC" -> 8;
            default -> 18;
        };
    }

    Product product(String type, String lockCoin, String rewardCoin, Integer termDays, String rate, boolean earlyRedeem, String penaltyShare) {
        String code = "T" + Long.toString(System.nanoTime() % 1_000_000_000_000L, 36).toUpperCase();
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        jdbc.update("INSERT INTO wealth_product (code, name, type, lock_coin, reward_coin, term_days, reward_rate, min_amount, max_per_user,"
                + " total_quota, locked, sale_start, early_redeem, early_penalty_share, status, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, 0.000001, 100000000000, 100000000000, 0, ?, ?, ?, 'ON_SALE', ?, ?)",
                code, "test " + code, type, lockCoin, rewardCoin, termDays, new BigDecimal(rate), now, earlyRedeem, new BigDecimal(penaltyShare), now, now);
        long id = jdbc.queryForObject("SELECT id FROM wealth_product WHERE code = ?", Long.class, code);
        return new Product(id, code, type, lockCoin, rewardCoin, termDays, new BigDecimal(rate), scale(rewardCoin));
    }

    /** A new user with {@code amount} of {@code coin} on AVAILABLE. */
    long user(String coin, String amount) {
        long id = USERS.incrementAndGet();
        fundUser(id, coin, amount);
        return id;
    }

    long openPosition(Product p, long userId, String amount, LocalDate startDay) {
        return openPositions(p, List.of(new Open(userId, amount, startDay))).get(0);
    }

    /** Opens the positions (rows in one batch, their ledger moves eight at a time); answers their ids in order. */
    List<Long> openPositions(Product p, List<Open> opens) {
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        String prefix = "fx" + System.nanoTime() + "-";
        List<Object[]> rows = new ArrayList<>(opens.size());
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < opens.size(); i++) {
            Open o = opens.get(i);
            LocalDate end = p.termDays() == null ? null : o.startDay().plusDays(p.termDays() - 1);
            rows.add(new Object[] {o.userId(), p.id(), prefix + i, "0".repeat(64), new BigDecimal(o.amount()), o.startDay(), end, now, now});
            total = total.add(new BigDecimal(o.amount()));
        }
        jdbc.batchUpdate("INSERT INTO wealth_position (user_id, product_id, request_no, request_hash, amount, status, start_day, end_day,"
                + " accrued, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'OPEN', ?, ?, 0, ?, ?)", rows);
        jdbc.update("UPDATE wealth_product SET locked = locked + ? WHERE id = ?", total, p.id());
        List<Long> ids = jdbc.queryForList("SELECT id FROM wealth_position WHERE request_no LIKE ? ORDER BY id", Long.class, prefix + "%");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Reply>> moves = new ArrayList<>(ids.size());
            for (int i = 0; i < ids.size(); i++) {
                long id = ids.get(i);
                Open o = opens.get(i);
                moves.add(pool.submit(() -> ledger("POST", "/rpc-api/ledger/transfers", json("idempotencyKey", "wealth:subscribe:" + id,
                        "bizRef", "wealth:subscribe:" + id, "legs", List.of(Map.of(
                                "from", account("USER", Long.toString(o.userId()), p.lockCoin(), "AVAILABLE"),
                                "to", account("PRODUCT", p.owner(), p.lockCoin(), "STAKED"), "amount", o.amount()))))));
            }
            for (Future<Reply> f : moves) {
                Reply r = f.get();
                if (r.status() != 200) {
                    throw new AssertionError("subscription move: " + r.body());
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdown();
        }
        return ids;
    }

    static Map<String, String> account(String ownerType, String ownerId, String coin, String kind) {
        return Map.of("ownerType", ownerType, "ownerId", ownerId, "coin", coin, "kind", kind);
    }

    /** An operator with WEALTH_FUND (role FINANCE) funds the product's reward pool. */
    Reply fund(Product p, String fundingNo, String amount) {
        return asOperator("FINANCE", "POST", "/admin-api/wealth/products/" + p.id() + "/funding",
                json("fundingNo", fundingNo, "amount", amount, "reason", "reward budget"));
    }

    Reply accrue(LocalDate through) {
        return rpc("POST", "/rpc-api/wealth/jobs/accrual?through=" + through, null);
    }

    Reply recover(int limit) {
        return rpc("POST", "/rpc-api/wealth/jobs/recover?limit=" + limit, null);
    }

    /** Moves the clock to the start of {@code day} (UTC). */
    void today(LocalDate day) {
        clock.set(day.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    BigDecimal productBalance(Product p, String coin, String kind) {
        return balance("PRODUCT", p.owner(), coin, kind);
    }

    /** The day's reward of a principal, computed here independently of the service (docs/wealth.md). */
    static BigDecimal reward(Product p, BigDecimal principal) {
        BigDecimal exact = principal.multiply(p.rate());
        return "STAKING".equals(p.type()) ? exact.divide(BigDecimal.valueOf(365), p.rewardScale(), java.math.RoundingMode.DOWN)
                : exact.setScale(p.rewardScale(), java.math.RoundingMode.DOWN);
    }
}
