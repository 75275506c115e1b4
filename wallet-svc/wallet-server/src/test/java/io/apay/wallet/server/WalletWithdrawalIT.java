package io.apay.wallet.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.apay.common.test.ApayIntegrationTest;
import io.apay.wallet.server.StandInMesh.Fault;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Withdrawals through wallet-svc's HTTP API: the rules, and each step of the one pattern (hold, send, settle,
 * release) answered Done, Refused or Unknown, with the recovery finishing what was left.
 */
@ApayIntegrationTest
class WalletWithdrawalIT extends WalletTestSupport {

    static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000 * 100);
    static final String ADDRESS = "0xabcdefabcdefabcdefabcdefabcdefabcdef0001";

    long newUser(String funds) {
        return user(IDS.incrementAndGet(), funds);
    }

    String acct(long userId, String kind) {
        return "USER:" + userId + ":USDT:" + kind;
    }

    @Test
    void aWithdrawalIsHeldSentAndSettledToClearingWithItsFee() {
        long u = newUser("100");
        String to = usableAddress(u, ADDRESS);
        assertThat(to).isEqualTo("0xABCDEFABCDEFABCDEFABCDEFABCDEFABCDEF0001"); // stored canonical

        Reply quote = asUser(u, "GET", "/app-api/wallet/withdrawals/quote?network=LOCAL&coin=USDT&amount=10", null);
        assertThat(quote.data().get("fee").asText()).isEqualTo("1.000000");
        assertThat(quote.data().get("total").asText()).isEqualTo("11.000000");
        assertThat(quote.data().get("dailyLimitLeft").asText()).isEqualTo("20000.000000");
        assertThat(quote.data().get("smsRequired").asBoolean()).isFalse();
        assertThat(quote.data().get("reviewRequired").asBoolean()).isFalse();

        BigDecimal feeBefore = MESH.balance("PLATFORM:platform:USDT:FEE_INCOME");
        BigDecimal clearingBefore = MESH.balance("PLATFORM:platform:USDT:WITHDRAWAL_CLEARING");
        Reply w = withdraw(u, "r1", ADDRESS.toLowerCase(), "10");
        assertThat(w.status()).isEqualTo(200);
        assertThat(w.data().get("status").asText()).isEqualTo("BROADCAST");
        assertThat(w.data().get("txHash").asText()).startsWith("0x");
        assertThat(w.data().get("ownerRef").asText()).isEqualTo("USER:" + u);
        String no = w.data().get("withdrawalNo").asText();
        assertThat(MESH.balance(acct(u, "AVAILABLE"))).isEqualByComparingTo("89");
        assertThat(MESH.balance(acct(u, "FROZEN"))).isEqualByComparingTo("11");
        assertThat(MESH.txnsByKey).containsKey("withdrawal:" + no + ":hold");

        MESH.finishChainWithdrawal(no, true);
        recover(); // polls the chain for BROADCAST withdrawals (a lost event)
        assertThat(status(no)).isEqualTo("COMPLETED");
        assertThat(MESH.balance(acct(u, "FROZEN"))).isEqualByComparingTo("0");
        assertThat(MESH.balance("PLATFORM:platform:USDT:WITHDRAWAL_CLEARING").subtract(clearingBefore)).isEqualByComparingTo("10");
        assertThat(MESH.balance("PLATFORM:platform:USDT:FEE_INCOME").subtract(feeBefore)).isEqualByComparingTo("1");
        assertThat(asUser(u, "GET", "/app-api/wallet/withdrawals/r1", null).data().get("status").asText()).isEqualTo("COMPLETED");
        assertThat(asUser(u, "GET", "/app-api/wallet/withdrawals/quote?network=LOCAL&coin=USDT&amount=10", null)
                .data().get("dailyLimitLeft").asText()).isEqualTo("19990.000000");
    }

    @Test
    void aRepeatedRequestNoAnswersTheSameWithdrawalAndAnotherPayloadIsRefusedWithNothingHeld() {
        long u = newUser("100");
        usableAddress(u, ADDRESS);
        Reply first = withdraw(u, "same", ADDRESS, "10");
        long holds = MESH.count("ledger.hold");
        long codes = MESH.count("user.totp");
        Reply again = withdraw(u, "same", ADDRESS, "10.000", "000000", null); // the same request: no fresh code needed
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.data().get("withdrawalNo").asText()).isEqualTo(first.data().get("withdrawalNo").asText());
        Reply other = withdraw(u, "same", ADDRESS, "11");
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.code()).isEqualTo(15005);
        assertThat(MESH.count("ledger.hold")).isEqualTo(holds);
        assertThat(MESH.count("user.totp")).isEqualTo(codes);
        assertThat(MESH.balance(acct(u, "FROZEN"))).isEqualByComparingTo("11");
    }

    @Test
    void badInputIsAClearCodeAndNothingIsHeld() {
        long u = newUser("100000");
        usableAddress(u, ADDRESS);
        long holds = MESH.count("ledger.hold");
        assertThat(withdraw(u, "b1", ADDRESS, "10.0000001").code()).isEqualTo(15002);
        assertThat(withdraw(u, "b2", ADDRESS, "1.5").code()).isEqualTo(15003);
        assertThat(asUser(u, "POST", "/app-api/wallet/withdrawals", json("requestNo", "b3", "network", "ETH", "coin", "USDT",
                "toAddress", ADDRESS, "amount", "10", "totpCode", "123456")).code()).isEqualTo(15001);
        assertThat(withdraw(u, "b4", "0xnot-an-address-at-all-000000", "10").code()).isEqualTo(10001);
        Reply malformed = withdraw(u, "b5", "0xabcdefabcdefabcdefabcdefabcdefabcdef00", "10");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.code()).isEqualTo(17003);
        assertThat(withdraw(u, "b6", "0x1234567890123456789012345678901234567890", "10").code()).isEqualTo(15009);
        assertThat(withdraw(u, "b7", ADDRESS, "10", "000000", null).code()).isEqualTo(15007);
        assertThat(withdraw(u, "b8", ADDRESS, "1500").code()).isEqualTo(15008); // above the SMS threshold, no SMS code
        assertThat(withdraw(u, "b9", ADDRESS, "1500", "123456", "111111").code()).isEqualTo(13004);
        assertThat(withdraw(u, "b10", ADDRESS, "10", null, null).code()).isEqualTo(10001);
        assertThat(asUser(u, "POST", "/app-api/wallet/withdrawals", "{\"requestNo\":\"b11\",\"network\":\"LOCAL\",\"coin\":\"USDT\","
                + "\"toAddress\":\"" + ADDRESS + "\",\"amount\":10,\"totpCode\":\"123456\"}").code()).isEqualTo(10002); // a JSON number
        long noTwoFactor = IDS.incrementAndGet();
        MESH.user(noTwoFactor, "+8613900000001", false);
        usableAddress(noTwoFactor, ADDRESS);
        assertThat(withdraw(noTwoFactor, "b12", ADDRESS, "10").code()).isEqualTo(15006);
        assertThat(MESH.count("ledger.hold")).isEqualTo(holds);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM wallet_withdrawal WHERE owner_ref = ?", Integer.class, "USER:" + u)).isZero();
    }

    @Test
    void aRequestRefusedForItsAmountOrAddressNeverSpendsOrCountsTheUsersCode() {
        long u = newUser("100");
        usableAddress(u, ADDRESS);
        long checks = MESH.count("user.totp");
        // a wrong code ("000000") with a bad amount or address: the refusal is about the amount or address, and user-svc
        // is never asked, so the user's next right code still works and no wrong guess counts towards the lock
        assertThat(withdraw(u, "n1", ADDRESS, "10.0000001", "000000", null).code()).isEqualTo(15002);
        assertThat(withdraw(u, "n2", "0xabcdefabcdefabcdefabcdefabcdefabcdef00", "10", "000000", null).code()).isEqualTo(17003);
        assertThat(withdraw(u, "n3", "0x1234567890123456789012345678901234567890", "10", "000000", null).code()).isEqualTo(15009);
        assertThat(MESH.count("user.totp")).isEqualTo(checks);
    }

    @Test
    void aLockedSecondFactorIsItsOwnCodeWithTheWaitAndNothingIsHeld() {
        long u = newUser("100");
        usableAddress(u, ADDRESS);
        long holds = MESH.count("ledger.hold");
        long transfers = MESH.count("ledger.transfer");
        // user-svc refuses every code after too many wrong ones: the client is told to wait, not to retype
        Reply locked = withdraw(u, "locked-1", ADDRESS, "10", "999999", null);
        assertThat(locked.status()).isEqualTo(423);
        assertThat(locked.code()).isEqualTo(15023);
        assertThat(locked.body().path("message").asText()).contains("try again in 840 s");
        Reply transfer = asUser(u, "POST", "/app-api/wallet/transfers", json("transferNo", "locked-t1", "toUserId", newUser(null),
                "coin", "USDT", "amount", "1", "totpCode", "999999"));
        assertThat(transfer.code()).isEqualTo(15023);
        assertThat(MESH.count("ledger.hold")).isEqualTo(holds);
        assertThat(MESH.count("ledger.transfer")).isEqualTo(transfers);
        assertThat(MESH.balance(acct(u, "AVAILABLE"))).isEqualByComparingTo("100");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM wallet_withdrawal WHERE owner_ref = ?", Integer.class, "USER:" + u)).isZero();
    }

    @Test
    void anAddressIsUsableOnlyAfterItsCoolDown() {
        long u = newUser("100");
        Reply added = asUser(u, "POST", "/app-api/wallet/address-book", json("network", "LOCAL", "address", ADDRESS, "label", "exe\u202Etxt"));
        assertThat(added.code()).isEqualTo(10050); // labels are plain text
        added = asUser(u, "POST", "/app-api/wallet/address-book", json("network", "LOCAL", "address", ADDRESS, "label", "exchange"));
        assertThat(added.data().get("usable").asBoolean()).isFalse();
        assertThat(asUser(u, "POST", "/app-api/wallet/address-book", json("network", "LOCAL", "address", ADDRESS.toUpperCase().replace("0X", "0x"),
                "label", "again")).code()).isEqualTo(15014);
        assertThat(asUser(u, "POST", "/app-api/wallet/address-book", json("network", "LOCAL", "address", "0x12", "label", "bad")).code())
                .isEqualTo(10001);
        Reply cooling = withdraw(u, "c1", ADDRESS, "10");
        assertThat(cooling.status()).isEqualTo(400);
        assertThat(cooling.code()).isEqualTo(15010);
        jdbc.update("UPDATE wallet_address_book SET usable_at = usable_at - INTERVAL 2 HOUR WHERE id = ?", added.data().get("id").asLong());
        assertThat(asUser(u, "GET", "/app-api/wallet/address-book", null).data().get(0).get("usable").asBoolean()).isTrue();
        assertThat(withdraw(u, "c2", ADDRESS, "10").status()).isEqualTo(200);
        assertThat(asUser(u, "DELETE", "/app-api/wallet/address-book/" + added.data().get("id").asLong(), null).status()).isEqualTo(200);
        assertThat(asUser(u, "DELETE", "/app-api/wallet/address-book/" + added.data().get("id").asLong(), null).code()).isEqualTo(15015);
        assertThat(withdraw(u, "c3", ADDRESS, "10").code()).isEqualTo(15009);
    }

    @Test
    void aRefusedHoldVoidsItsKeyAndFailsWithNothingHeldTheSameAnswerOnRetry() {
        long u = newUser("5");
        usableAddress(u, ADDRESS);
        Reply refused = withdraw(u, "poor", ADDRESS, "10");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo(15011);
        String no = jdbc.queryForObject("SELECT withdrawal_no FROM wallet_withdrawal WHERE owner_ref = ?", String.class, "USER:" + u);
        assertThat(status(no)).isEqualTo("FAILED");
        assertThat(MESH.txnsByKey.get("withdrawal:" + no + ":hold").get("type").asText()).isEqualTo("VOID");
        assertThat(withdraw(u, "poor", ADDRESS, "10").code()).isEqualTo(15011);
        assertThat(MESH.balance(acct(u, "AVAILABLE"))).isEqualByComparingTo("5");
        assertThat(MESH.balance(acct(u, "FROZEN"))).isEqualByComparingTo("0");
        // a failed one does not count against the daily limit
        assertThat(asUser(u, "GET", "/app-api/wallet/withdrawals/quote?network=LOCAL&coin=USDT&amount=2", null)
                .data().get("dailyLimitLeft").asText()).isEqualTo("20000.000000");
    }

    @Test
    void anUnknownHoldStaysHoldingAndTheRecoveryFinishesItWithTheSameKey() {
        long u = newUser("100");
        usableAddress(u, ADDRESS);
        MESH.failNext("ledger.hold", Fault.UNKNOWN_AFTER); // applied, answer lost
        Reply lost = withdraw(u, "lost-hold", ADDRESS, "10");
        assertThat(lost.status()).isEqualTo(200);
        assertThat(lost.data().get("status").asText()).isEqualTo("HOLDING");
        recover();
        String no = lost.data().get("withdrawalNo").asText();
        assertThat(status(no)).isEqualTo("BROADCAST");
        assertThat(MESH.balance(acct(u, "FROZEN"))).isEqualByComparingTo("11"); // held once

        long v = newUser("100");
        usableAddress(v, ADDRESS);
        MESH.failNext("ledger.hold", Fault.UNKNOWN_BEFORE); // not applied
        Reply busy = withdraw(v, "busy-hold", ADDRESS, "10");
        assertThat(busy.data().get("status").asText()).isEqualTo("HOLDING");
        assertThat(MESH.balance(acct(v, "FROZEN"))).isEqualByComparingTo("0");
        recover();
        assertThat(status(busy.data().get("withdrawalNo").asText())).isEqualTo("BROADCAST");
        assertThat(MESH.balance(acct(v, "FROZEN"))).isEqualByComparingTo("11");
    }

    @Test
    void aSendWithAnUnknownOutcomeIsSentAgainUnderTheSameNumberAndARefusedSendReleasesTheHold() {
        long u = newUser("100");
        usableAddress(u, ADDRESS);
        MESH.failNext("chain.send", Fault.UNKNOWN_AFTER);
        Reply sending = withdraw(u, "s1", ADDRESS, "10");
        assertThat(sending.data().get("status").asText()).isEqualTo("SENDING");
        recover();
        String no = sending.data().get("withdrawalNo").asText();
        assertThat(status(no)).isEqualTo("BROADCAST");
        assertThat(MESH.chainWithdrawals).containsKey(no);

        MESH.failNext("chain.send", Fault.REFUSE);
        Reply refused = withdraw(u, "s2", ADDRESS, "20");
        assertThat(refused.data().get("status").asText()).isEqualTo("FAILED");
        assertThat(refused.data().get("failureReason").asText()).contains("17003");
        assertThat(MESH.balance(acct(u, "AVAILABLE"))).isEqualByComparingTo("89"); // only the first is held
        assertThat(MESH.balance(acct(u, "FROZEN"))).isEqualByComparingTo("11");
    }

    @Test
    void aWithdrawalThatFailsOnChainIsReleasedAndAnUnknownSettleIsFinishedByTheRecovery() {
        long u = newUser("100");
        usableAddress(u, ADDRESS);
        String failing = withdraw(u, "f1", ADDRESS, "10").data().get("withdrawalNo").asText();
        MESH.finishChainWithdrawal(failing, false);
        recover();
        assertThat(status(failing)).isEqualTo("FAILED");
        assertThat(asUser(u, "GET", "/app-api/wallet/withdrawals/f1", null).data().get("failureReason").asText()).contains("reverted");
        assertThat(MESH.balance(acct(u, "AVAILABLE"))).isEqualByComparingTo("100");

        String settling = withdraw(u, "f2", ADDRESS, "10").data().get("withdrawalNo").asText();
        MESH.finishChainWithdrawal(settling, true);
        MESH.failNext("ledger.settle", Fault.UNKNOWN_AFTER);
        recover();
        assertThat(status(settling)).isEqualTo("SETTLING");
        assertThat(asUser(u, "GET", "/app-api/wallet/withdrawals/f2", null).data().get("status").asText()).isEqualTo("BROADCAST");
        recover();
        assertThat(status(settling)).isEqualTo("COMPLETED");
        assertThat(MESH.balance(acct(u, "AVAILABLE"))).isEqualByComparingTo("89");
        assertThat(MESH.balance(acct(u, "FROZEN"))).isEqualByComparingTo("0");
    }

    @Test
    void aLargeWithdrawalWaitsForReviewAndIsApprovedOrRejectedWithAReason() {
        long u = newUser("20000");
        usableAddress(u, ADDRESS);
        String phone = "+86136" + String.format("%08d", u);
        MESH.smsCodes.add(phone + "|SENSITIVE_OPERATION|222222");
        MESH.smsCodes.add(phone + "|SENSITIVE_OPERATION|333333");
        Reply big = withdraw(u, "big1", ADDRESS, "6000", "123456", "222222");
        assertThat(big.data().get("status").asText()).isEqualTo("REVIEW");
        assertThat(MESH.balance(acct(u, "FROZEN"))).isEqualByComparingTo("6001");
        String no = big.data().get("withdrawalNo").asText();
        Reply listed = asOperator("SUPPORT", "GET", "/admin-api/wallet/withdrawals?status=REVIEW", null);
        assertThat(listed.data().get("list").toString()).contains(no);
        assertThat(asOperator("SUPPORT", "POST", "/admin-api/wallet/withdrawals/" + no + "/approve", json("reason", "ok")).status())
                .isEqualTo(403);
        assertThat(asOperator("RISK", "POST", "/admin-api/wallet/withdrawals/" + no + "/approve", "{}").code()).isEqualTo(10001);
        Reply approved = asOperator("RISK", "POST", "/admin-api/wallet/withdrawals/" + no + "/approve", json("reason", "known customer"));
        assertThat(approved.data().get("status").asText()).isEqualTo("BROADCAST");
        assertThat(asOperator("RISK", "POST", "/admin-api/wallet/withdrawals/" + no + "/reject", json("reason", "late")).code())
                .isEqualTo(15013);

        String second = withdraw(u, "big2", ADDRESS, "7000", "123456", "333333").data().get("withdrawalNo").asText();
        Reply rejected = asOperator("RISK", "POST", "/admin-api/wallet/withdrawals/" + second + "/reject", json("reason", "suspicious"));
        assertThat(rejected.data().get("status").asText()).isEqualTo("REJECTED");
        assertThat(MESH.balance(acct(u, "FROZEN"))).isEqualByComparingTo("6001");
        assertThat(MESH.balance(acct(u, "AVAILABLE"))).isEqualByComparingTo("13999");
        assertThat(jdbc.queryForList("SELECT operation FROM op_log WHERE outcome = 'SUCCESS' AND operation LIKE 'wallet.withdrawal.%'",
                String.class)).contains("wallet.withdrawal.approve", "wallet.withdrawal.reject");
    }

    @Test
    void theDailyLimitHoldsExactlyUnderConcurrentWithdrawals() throws Exception {
        long u = newUser("100000");
        usableAddress(u, ADDRESS);
        String phone = "+86136" + String.format("%08d", u);
        List<Callable<Reply>> tasks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String sms = String.format("%06d", 400000 + i);
            MESH.smsCodes.add(phone + "|SENSITIVE_OPERATION|" + sms);
            String requestNo = "d" + i;
            tasks.add(() -> withdraw(u, requestNo, ADDRESS, "2500", "123456", sms));
        }
        List<Reply> replies = runAll(tasks);
        assertThat(replies.stream().filter(r -> r.status() == 200).count()).isEqualTo(8); // 8 x 2500 = 20000
        assertThat(replies.stream().filter(r -> r.code() == 15004).count()).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT SUM(amount) FROM wallet_withdrawal WHERE owner_ref = ? AND status <> 'FAILED'",
                BigDecimal.class, "USER:" + u)).isEqualByComparingTo("20000");
        assertThat(MESH.balance(acct(u, "FROZEN"))).isEqualByComparingTo("20008");
    }

    @Test
    void twoConcurrentWithdrawalsOverTheBalanceHoldExactlyOne() throws Exception {
        long u = newUser("15");
        usableAddress(u, ADDRESS);
        List<Reply> replies = runAll(List.of(() -> withdraw(u, "x1", ADDRESS, "10"), () -> withdraw(u, "x2", ADDRESS, "10")));
        assertThat(replies.stream().filter(r -> r.status() == 200).count()).isEqualTo(1);
        assertThat(replies.stream().filter(r -> r.code() == 15011).count()).isEqualTo(1);
        assertThat(MESH.balance(acct(u, "FROZEN"))).isEqualByComparingTo("11");
        assertThat(MESH.balance(acct(u, "AVAILABLE"))).isEqualByComparingTo("4");
    }

    @Test
    void aMerchantPayoutFollowsTheSamePathAndPublishesItsEnd() {
        String merchant = "m-" + IDS.incrementAndGet();
        MESH.fund("MERCHANT", merchant, "50");
        String request = json("merchantNo", merchant, "payoutNo", "p-1", "network", "LOCAL", "coin", "USDT", "toAddress", ADDRESS, "amount", "20");
        Reply payout = rpc("POST", "/rpc-api/wallet/payouts", request);
        assertThat(payout.status()).isEqualTo(200);
        assertThat(payout.data().get("ownerRef").asText()).isEqualTo("MERCHANT:" + merchant);
        assertThat(payout.data().get("clientRef").asText()).isEqualTo("p-1");
        assertThat(payout.data().get("fee").asText()).isEqualTo("1.000000");
        assertThat(rpc("POST", "/rpc-api/wallet/payouts", request).data().get("withdrawalNo").asText())
                .isEqualTo(payout.data().get("withdrawalNo").asText());
        assertThat(rpc("POST", "/rpc-api/wallet/payouts", request.replace("\"20\"", "\"21\"")).code()).isEqualTo(15005);
        String no = payout.data().get("withdrawalNo").asText();
        MESH.finishChainWithdrawal(no, true);
        recover();
        assertThat(rpc("GET", "/rpc-api/wallet/payouts/" + merchant + "/p-1", null).data().get("status").asText()).isEqualTo("COMPLETED");
        assertThat(rpc("GET", "/rpc-api/wallet/payouts/" + merchant + "/p-2", null).code()).isEqualTo(15012);
        assertThat(MESH.balance("MERCHANT:" + merchant + ":USDT:AVAILABLE")).isEqualByComparingTo("29");
        assertThat(jdbc.queryForList("SELECT payload FROM outbox_event WHERE routing_key = 'payout.finished'", String.class))
                .anySatisfy(p -> assertThat(p).contains(no).contains("COMPLETED"));
    }

    private static List<Reply> runAll(List<Callable<Reply>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Reply> replies = new ArrayList<>();
            for (Future<Reply> f : pool.invokeAll(tasks)) {
                replies.add(f.get());
            }
            return replies;
        } finally {
            pool.shutdown();
        }
    }
}
