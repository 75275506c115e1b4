package io.apay.e2e;

import static io.apay.e2e.MoneyFixture.await;
import static io.apay.e2e.MoneyFixture.balances;
import static io.apay.e2e.MoneyFixture.finance;
import static io.apay.e2e.MoneyFixture.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.apay.common.core.crypto.RsaKeys;
import io.apay.common.test.LocalChain;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Coin onto and off a real chain: the shared mesh's chain-bridge-svc watches a local hardhat node (its LOCAL
 * network needs {@link Mesh#LOCAL_CONFIRMATIONS} confirmations) and wallet-svc credits and sends through the ledger.
 * Every on-chain effect is read back from the node; every balance from the ledger.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WalletChainIT {

    static final int N = Mesh.LOCAL_CONFIRMATIONS;
    /** The node's account that pays the deposits (minted USDT at the start). */
    static final int PAYER = 2;
    static final AtomicInteger NUMBERS = new AtomicInteger();

    static LocalChain chain;

    @BeforeAll
    static void up() throws Exception {
        MoneyFixture.up();
        chain = mesh.chain();
        chain.mint(chain.account(PAYER), new BigDecimal("100000"));
    }

    @AfterAll
    static void booksBalance() throws Exception {
        MoneyFixture.assertLedgerReconciles();
        MoneyFixture.assertCrossServiceReconciles();
    }

    // ------------------------------------------------------------------ deposits

    @Test
    @Order(1)
    void aDepositIsCreditedExactlyOnceAfterItsConfirmations() throws Exception {
        WalletUser u = WalletUser.register();
        String address = u.depositAddress();
        String tx = chain.sendUsdt(PAYER, address, new BigDecimal("150.25"));

        // the block holding it is 1 confirmation; N - 1 are not enough
        chain.mine(N - 2);
        JsonNode seen = awaitDeposit(u, tx, d -> d.path("confirmations").asInt() == N - 1 ? d : null);
        assertThat(seen.path("status").asText()).isEqualTo("SEEN");
        assertThat(seen.path("requiredConfirmations").asInt()).isEqualTo(N);
        Thread.sleep(1500); // five scans: long enough for a wrong early credit to show
        assertThat(u.deposit(tx).path("credited").asBoolean()).isFalse();
        assertThat(available(u)).isEqualByComparingTo("0");

        chain.mine(1);
        JsonNode credited = awaitDeposit(u, tx, d -> d.path("credited").asBoolean() ? d : null);
        assertThat(credited.path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(new BigDecimal(credited.path("amount").asText())).isEqualByComparingTo("150.25");
        assertThat(available(u)).isEqualByComparingTo("150.25");

        // more blocks, more scans, the recovery's paging: still exactly one credit
        chain.mine(N + 2);
        Thread.sleep(3000);
        assertThat(available(u)).isEqualByComparingTo("150.25");
        assertThat(u.statementEntries()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void aDepositWhoseBlockAReorgRemovesBeforeItsConfirmationsIsNeverCredited() throws Exception {
        WalletUser u = WalletUser.register();
        String address = u.depositAddress();
        String snapshot = chain.snapshot();
        String tx = chain.sendUsdt(PAYER, address, new BigDecimal("70"));
        awaitDeposit(u, tx, d -> "SEEN".equals(d.path("status").asText()) ? d : null);

        // the block is replaced: the chain goes back to before it and grows past N on another branch
        assertThat(chain.revert(snapshot)).isTrue();
        chain.mine(N + 3);
        JsonNode orphaned = awaitDeposit(u, tx, d -> "ORPHANED".equals(d.path("status").asText()) ? d : null);
        assertThat(orphaned.path("credited").asBoolean()).isFalse();
        Thread.sleep(1500);
        assertThat(available(u)).isEqualByComparingTo("0");
        assertThat(chain.usdtBalance(address)).isEqualByComparingTo("0");
    }

    @Test
    @Order(3)
    void aKill9OfTheBridgeMidScanAndARestartCreditNothingTwice() throws Exception {
        WalletUser u = WalletUser.register();
        String address = u.depositAddress();
        List<String> txs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            txs.add(chain.sendUsdt(PAYER, address, new BigDecimal("10")));
            chain.mine(40); // the scanner has many blocks to get through between the deposits
        }
        // killed while it scans: the first deposit seen, the last one not yet
        awaitDeposit(u, txs.get(0), d -> d);
        mesh.kill9("chain-bridge-svc");
        chain.mine(N);
        mesh.restart("chain-bridge-svc");

        for (String tx : txs) {
            awaitDeposit(u, tx, d -> d.path("credited").asBoolean() ? d : null);
        }
        chain.mine(N);
        Thread.sleep(3000);
        assertThat(available(u)).isEqualByComparingTo("50");
        assertThat(u.statementEntries()).isEqualTo(5);
        assertThat(u.deposits()).hasSize(5);
    }

    // ------------------------------------------------------------------ withdrawals

    @Test
    @Order(4)
    void aWithdrawalIsBroadcastConfirmedAndOnChainWithItsFeeCharged() throws Exception {
        WalletUser u = WalletUser.withTwoFactor("500");
        String to = chain.account(7);
        u.addToAddressBook(to);
        BigDecimal before = chain.usdtBalance(to);
        BigDecimal feeIncome = platform("FEE_INCOME");

        JsonNode quote = u.app.get("/app-api/wallet/withdrawals/quote", Map.of("network", "LOCAL", "coin", "USDT", "amount", "120")).data();
        assertThat(new BigDecimal(quote.path("fee").asText())).isEqualByComparingTo("1");
        assertThat(new BigDecimal(quote.path("total").asText())).isEqualByComparingTo("121");

        AppClient.Reply r = u.withdraw("w-ok", to, "120");
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        assertThat(balances("USER", u.id())).containsEntry("AVAILABLE", new BigDecimal("379")).containsEntry("FROZEN", new BigDecimal("121"));

        JsonNode broadcast = awaitWithdrawal(u, "w-ok", w -> w.hasNonNull("txHash") ? w : null);
        String txHash = broadcast.path("txHash").asText();
        chain.mine(N);
        JsonNode done = awaitWithdrawal(u, "w-ok", w -> "COMPLETED".equals(w.path("status").asText()) ? w : null);
        assertThat(done.path("txHash").asText()).isEqualTo(txHash);

        assertThat(chain.receipt(txHash).path("status").asText()).isEqualTo("0x1");
        assertThat(chain.usdtBalance(to).subtract(before)).isEqualByComparingTo("120");
        Map<String, BigDecimal> after = balances("USER", u.id());
        assertThat(after.get("AVAILABLE")).isEqualByComparingTo("379");
        assertThat(after.getOrDefault("FROZEN", BigDecimal.ZERO)).isEqualByComparingTo("0");
        assertThat(platform("FEE_INCOME").subtract(feeIncome)).isEqualByComparingTo("1");
    }

    @Test
    @Order(5)
    void aWithdrawalRevertedOnChainReleasesTheHeldCoin() throws Exception {
        WalletUser u = WalletUser.withTwoFactor("200");
        String to = chain.account(8);
        u.addToAddressBook(to);
        chain.setBlocked(to, true); // TestUSDT reverts every transfer to it
        try {
            AppClient.Reply r = u.withdraw("w-revert", to, "50");
            assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
            JsonNode sent = awaitWithdrawal(u, "w-revert", w -> w.hasNonNull("txHash") ? w : null);
            chain.mine(N);
            JsonNode failed = awaitWithdrawal(u, "w-revert", w -> "FAILED".equals(w.path("status").asText()) ? w : null);
            assertThat(failed.path("failureReason").asText()).contains("revert");
            assertThat(chain.receipt(sent.path("txHash").asText()).path("status").asText()).isEqualTo("0x0");
            Map<String, BigDecimal> after = balances("USER", u.id());
            assertThat(after.get("AVAILABLE")).isEqualByComparingTo("200");
            assertThat(after.getOrDefault("FROZEN", BigDecimal.ZERO)).isEqualByComparingTo("0");
        } finally {
            chain.setBlocked(to, false);
        }
    }

    @Test
    @Order(6)
    void twoConcurrentWithdrawalsOverTheBalanceExactlyOneSucceeds() throws Exception {
        // a merchant's payouts: the same withdrawal path (hold amount + fee, send, settle) without a two-factor code,
        // whose one-use time steps would otherwise decide which of two simultaneous requests goes first
        MerchantClient m = payoutMerchant("100", chain.account(9));
        String to = chain.account(9);
        BigDecimal before = chain.usdtBalance(to);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<AppClient.Reply> replies;
        try {
            Callable<AppClient.Reply> first = () -> payout(m, "RACE-1", to, "60");
            Callable<AppClient.Reply> second = () -> payout(m, "RACE-2", to, "60");
            Future<AppClient.Reply> a = pool.submit(first);
            Future<AppClient.Reply> b = pool.submit(second);
            replies = List.of(a.get(), b.get());
        } finally {
            pool.shutdown();
        }
        List<AppClient.Reply> held = replies.stream().filter(r -> r.status() == 200).toList();
        List<AppClient.Reply> refused = replies.stream().filter(r -> r.status() != 200).toList();
        assertThat(held).as(replies.toString()).hasSize(1);
        assertThat(refused).as(replies.toString()).hasSize(1);
        assertRefused(refused.get(0), 15011);
        assertThat(balances("MERCHANT", m.merchantNo)).containsEntry("AVAILABLE", new BigDecimal("39")).containsEntry("FROZEN", new BigDecimal("61"));

        String winner = held.get(0).data().path("payoutNo").asText();
        awaitPayout(m, winner, p -> p.hasNonNull("txHash") ? p : null);
        chain.mine(N);
        awaitPayout(m, winner, p -> "COMPLETED".equals(p.path("status").asText()) ? p : null);
        assertThat(chain.usdtBalance(to).subtract(before)).isEqualByComparingTo("60");
        assertThat(balances("MERCHANT", m.merchantNo).get("AVAILABLE")).isEqualByComparingTo("39");
    }

    @Test
    @Order(7)
    void badInputIsRefusedWithItsCodeAndNothingIsHeld() throws Exception {
        WalletUser u = WalletUser.withTwoFactor("50");
        String to = chain.account(6);
        u.addToAddressBook(to);
        String checksummed = u.app.get("/app-api/wallet/address-book").data().get(0).path("address").asText();
        assertThat(checksummed).isNotEqualTo(to); // EIP-55 mixed case
        String badChecksum = flipCaseOfOneLetter(checksummed);

        // malformed, checksum-invalid, another network's address, an unknown network
        assertRefused(u.withdraw("b1", "0x1234", "10", "000000"), 10001);
        assertRefused(u.withdraw("b2", badChecksum, "10", "000000"), 17003);
        assertRefused(u.withdraw("b3", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "10", "000000"), 17003);
        assertRefused(u.app.post("/app-api/wallet/withdrawals", Map.of("requestNo", "b4", "network", "DOGE", "coin", "USDT",
                "toAddress", checksummed, "amount", "10", "totpCode", "000000")), 15001);
        // beyond the coin's scale, below the minimum, no two-factor code
        assertRefused(u.withdraw("b5", checksummed, "10.1234567", "000000"), 15002);
        assertRefused(u.withdraw("b6", checksummed, "1", "000000"), 15003);
        assertRefused(u.app.post("/app-api/wallet/withdrawals", Map.of("requestNo", "b7", "network", "LOCAL", "coin", "USDT",
                "toAddress", checksummed, "amount", "10")), 10001);
        // a withdrawal number used again for another amount
        AppClient.Reply first = u.withdraw("b8", checksummed, "10");
        assertThat(first.status()).as(first.body().toString()).isEqualTo(200);
        Map<String, BigDecimal> held = balances("USER", u.id());
        assertRefused(u.withdraw("b8", checksummed, "12", "000000"), 15005);
        assertThat(balances("USER", u.id())).isEqualTo(held);
        assertThat(held.get("AVAILABLE")).isEqualByComparingTo("39");
        assertThat(held.get("FROZEN")).isEqualByComparingTo("11");
        assertThat(u.app.get("/app-api/wallet/withdrawals").data().path("total").asLong()).isEqualTo(1);

        awaitWithdrawal(u, "b8", w -> w.hasNonNull("txHash") ? w : null);
        chain.mine(N);
        awaitWithdrawal(u, "b8", w -> "COMPLETED".equals(w.path("status").asText()) ? w : null);
    }

    // ------------------------------------------------------------------ merchant payouts

    @Test
    @Order(8)
    void aMerchantPayoutCompletesOnChainWithItsSignedCallback() throws Exception {
        String to = chain.account(5);
        MerchantClient m = payoutMerchant("300", to);
        BigDecimal before = chain.usdtBalance(to);

        String payoutNo = "PO-" + NUMBERS.incrementAndGet();
        AppClient.Reply placed = payout(m, payoutNo, to, "125.5");
        assertThat(placed.status()).as(placed.body().toString()).isEqualTo(200);
        assertThat(placed.data().path("fee").asText()).isEqualTo("1");

        awaitPayout(m, payoutNo, p -> p.hasNonNull("txHash") ? p : null);
        chain.mine(N);
        MoneyFixture.Callback callback = MoneyFixture.awaitCallback(c -> payoutNo.equals(c.json().path("payoutNo").asText()));
        assertThat(callback.json().path("eventType").asText()).isEqualTo("PAYOUT_COMPLETED");
        String pem = MoneyFixture.getJson(mesh.gateway() + "/merchant-api/platform-key").path("data").get("publicKeyPem").asText();
        String signature = callback.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("X-Signature"))
                .findFirst().orElseThrow().getValue().get(0);
        assertThat(RsaKeys.verify(RsaKeys.parsePublic(pem), callback.body(), signature)).isTrue();

        JsonNode payout = m.get("/merchant-api/payouts/" + payoutNo, Map.of()).data();
        assertThat(payout.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(chain.usdtBalance(to).subtract(before)).isEqualByComparingTo("125.5");
        assertThat(balances("MERCHANT", m.merchantNo).get("AVAILABLE")).isEqualByComparingTo("173.5");
    }

    // ------------------------------------------------------------------ helpers

    /** A merchant with {@code funds} USDT settled (a finance credit) and {@code address} on its LOCAL payout whitelist. */
    static MerchantClient payoutMerchant(String funds, String address) throws Exception {
        MerchantClient m = MoneyFixture.newMerchant("Payout Shop");
        AppClient.Reply funded = finance.post("/admin-api/ledger/credits", Map.of("requestId", "fund-merchant-" + m.merchantNo,
                "owner", Map.of("ownerType", "MERCHANT", "ownerId", m.merchantNo), "coin", "USDT", "amount", funds, "reason", "e2e: settled sales"));
        assertThat(funded.status()).as(funded.body().toString()).isEqualTo(200);
        AppClient.Reply listed = MoneyFixture.manager.send("PUT", "/admin-api/merchant/merchants/" + m.merchantNo + "/payout-addresses",
                Map.of("payoutAddresses", List.of(Map.of("network", "LOCAL", "address", address)), "reason", "e2e: the shop's treasury"));
        assertThat(listed.status()).as(listed.body().toString()).isEqualTo(200);
        return m;
    }

    static AppClient.Reply payout(MerchantClient m, String payoutNo, String to, String amount) throws Exception {
        String notifyUrl = "http://127.0.0.1:" + MoneyFixture.merchantEndpoint.getAddress().getPort() + "/notify";
        return m.post("/merchant-api/payouts", Map.of("payoutNo", payoutNo, "network", "LOCAL", "coin", "USDT",
                "toAddress", to, "amount", amount, "notifyUrl", notifyUrl));
    }

    static JsonNode awaitPayout(MerchantClient m, String payoutNo, Match match) throws Exception {
        return await("payout " + payoutNo, () -> match.test(m.get("/merchant-api/payouts/" + payoutNo, Map.of()).data()));
    }

    static void assertRefused(AppClient.Reply r, int code) {
        assertThat(r.status()).as(r.body().toString()).isBetween(400, 499);
        assertThat(r.code()).as(r.body().toString()).isEqualTo(code);
    }

    static String flipCaseOfOneLetter(String address) {
        char[] c = address.toCharArray();
        for (int i = 2; i < c.length; i++) {
            if (Character.isLetter(c[i])) {
                c[i] = Character.isUpperCase(c[i]) ? Character.toLowerCase(c[i]) : Character.toUpperCase(c[i]);
                return new String(c);
            }
        }
        throw new IllegalStateException("no letter in " + address);
    }

    static BigDecimal available(WalletUser u) throws Exception {
        return balances("USER", u.id()).getOrDefault("AVAILABLE", BigDecimal.ZERO);
    }

    static BigDecimal platform(String kind) throws Exception {
        return balances("PLATFORM", "platform").getOrDefault(kind, BigDecimal.ZERO);
    }

    interface Match {
        JsonNode test(JsonNode candidate) throws Exception;
    }

    static JsonNode awaitDeposit(WalletUser u, String txHash, Match match) throws Exception {
        return await("deposit " + txHash, () -> {
            JsonNode d = u.deposit(txHash);
            return d == null ? null : match.test(d);
        });
    }

    static JsonNode awaitWithdrawal(WalletUser u, String requestNo, Match match) throws Exception {
        return await("withdrawal " + requestNo, () -> match.test(u.app.get("/app-api/wallet/withdrawals/" + requestNo).data()));
    }

    /** An app user of the wallet, with two-factor on if asked; codes are handed out one time step after another. */
    static final class WalletUser {
        final AppClient app;
        final long userId;
        String secret;
        long lastStep;

        private WalletUser(AppClient app) throws Exception {
            this.app = app;
            this.userId = MoneyFixture.userId(app);
        }

        static WalletUser register() throws Exception {
            return new WalletUser(MoneyFixture.registeredUser());
        }

        /** Registered, two-factor on, {@code funds} USDT credited by finance. */
        static WalletUser withTwoFactor(String funds) throws Exception {
            WalletUser u = register();
            u.secret = u.app.post("/app-api/user/totp/bind", null).data().get("secret").asText();
            // confirmed with the previous step's code, so this step's and the next one's are left for requests
            long step = System.currentTimeMillis() / 30_000 - 1;
            AppClient.Reply confirmed = u.app.post("/app-api/user/totp/confirm", Map.of("code", IdentityFlowIT.totp(u.secret, -1)));
            assertThat(confirmed.status()).as(confirmed.body().toString()).isEqualTo(200);
            u.lastStep = step;
            AppClient.Reply credited = finance.post("/admin-api/ledger/credits", Map.of("requestId", "fund-wallet-" + u.userId,
                    "owner", Map.of("ownerType", "USER", "ownerId", u.id()), "coin", "USDT", "amount", funds, "reason", "e2e funding"));
            assertThat(credited.status()).as(credited.body().toString()).isEqualTo(200);
            return u;
        }

        String id() {
            return Long.toString(userId);
        }

        /** A code of a step after the last one used, waiting for the clock if the next usable step is still ahead. */
        synchronized String nextCode() throws Exception {
            long now = System.currentTimeMillis() / 30_000;
            long step = Math.max(lastStep + 1, now - 1);
            while (step > System.currentTimeMillis() / 30_000 + 1) {
                Thread.sleep(1000);
            }
            lastStep = step;
            return IdentityFlowIT.totp(secret, step - System.currentTimeMillis() / 30_000);
        }

        String depositAddress() throws Exception {
            AppClient.Reply r = app.post("/app-api/wallet/deposit-addresses", Map.of("network", "LOCAL"));
            assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
            return r.data().path("address").asText();
        }

        JsonNode deposits() throws Exception {
            return app.get("/app-api/wallet/deposits").data();
        }

        JsonNode deposit(String txHash) throws Exception {
            for (JsonNode d : deposits()) {
                if (d.path("txHash").asText().equalsIgnoreCase(txHash)) {
                    return d;
                }
            }
            return null;
        }

        long statementEntries() throws Exception {
            return app.get("/app-api/wallet/statement", Map.of("coin", "USDT")).data().path("total").asLong();
        }

        void addToAddressBook(String address) throws Exception {
            AppClient.Reply r = app.post("/app-api/wallet/address-book", Map.of("network", "LOCAL", "address", address, "label", "mine"));
            assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
            Thread.sleep(SharedMesh.ADDRESS_COOLDOWN.toMillis() + 500); // a new address is usable after the cool-down
        }

        AppClient.Reply withdraw(String requestNo, String to, String amount) throws Exception {
            return withdraw(requestNo, to, amount, nextCode());
        }

        AppClient.Reply withdraw(String requestNo, String to, String amount, String totpCode) throws Exception {
            return app.post("/app-api/wallet/withdrawals", Map.of("requestNo", requestNo, "network", "LOCAL", "coin", "USDT",
                    "toAddress", to, "amount", amount, "totpCode", totpCode));
        }
    }
}
