package io.apay.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.apay.common.core.crypto.RsaKeys;
import io.apay.common.core.json.ApayJackson;
import io.apay.common.mq.MqNames;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.merchant.MerchantHttp.Reply;
import io.apay.wallet.api.dto.WithdrawalView;
import io.apay.wallet.api.enums.WithdrawalStatus;
import io.apay.wallet.api.event.WalletEvents;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Merchant payouts against a stand-in wallet-svc (its Feign calls answered by a JDK HttpServer found through simple
 * discovery) and the real MariaDB, Redis and RabbitMQ: the whitelist, idempotency, the wallet's refusals, the
 * recovery of an unknown outcome, and the signed callback of a finished payout.
 */
@ApayIntegrationTest(properties = {
        "apay.merchant.callbacks.retry-schedule=200ms,200ms,200ms",
        "apay.merchant.payouts.recover-after=0s",
        "apay.merchant.platform-key-file=target/test-platform-key.pem"})
class PayoutIT {

    static final ObjectMapper MAPPER = ApayJackson.newMapper();
    static final String TRON_ADDRESS = "TXYZopYRdj2D9XRtbG411XZZ3kM5VkAeBf";
    static final String EVM_ADDRESS = "0x52908400098527886E0F7030069857D2E4169EE7"; // EIP-55

    /** What the stand-in wallet does with a payout number's next request. */
    enum Script { ACCEPT, REFUSE_INSUFFICIENT, APPLY_BUT_LOSE_ANSWER, UNAVAILABLE }

    static final Map<String, Script> SCRIPTS = new ConcurrentHashMap<>();
    /** Every payout request the wallet received, as sent. */
    static final List<JsonNode> WALLET_REQUESTS = new CopyOnWriteArrayList<>();
    /** The payouts the wallet holds, by merchantNo/payoutNo. */
    static final Map<String, WithdrawalView> WALLET_PAYOUTS = new ConcurrentHashMap<>();
    static final HttpServer WALLET = startWallet();
    /** Callbacks received: path, body and signature. */
    static final List<Map<String, String>> CALLBACKS = new CopyOnWriteArrayList<>();
    static final HttpServer RECEIVER = startReceiver();

    @DynamicPropertySource
    static void walletSvc(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.wallet-svc[0].uri",
                () -> "http://127.0.0.1:" + WALLET.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        WALLET.stop(0);
        RECEIVER.stop(0);
    }

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired RabbitTemplate rabbit;
    @Autowired MqNames names;

    Reply call(String method, String path, Object body, Map<String, String> headers) throws Exception {
        return new MerchantHttp(port).call(method, path, body, headers);
    }

    Reply admin(String method, String path, Object body, String role) throws Exception {
        return new MerchantHttp(port).admin(method, path, body, role);
    }

    Reply merchant(String merchantNo, String method, String path, Object body) throws Exception {
        return new MerchantHttp(port).merchant(merchantNo, method, path, body);
    }

    /** A merchant with a TRON address and an EVM address (EIP-55) on its payout whitelist. */
    String onboard() throws Exception {
        String merchantNo = "PM" + UUID.randomUUID().toString().substring(0, 8);
        Reply created = admin("POST", "/admin-api/merchant/merchants", MerchantOnboardingIT.merchant(merchantNo,
                MerchantOnboardingIT.newPublicKeyPem(2048)), "MERCHANT_MANAGER");
        assertThat(created.status()).as(created.body().toString()).isEqualTo(200);
        Reply listed = admin("PUT", "/admin-api/merchant/merchants/" + merchantNo + "/payout-addresses", Map.of("payoutAddresses", List.of(
                Map.of("network", "TRON", "address", TRON_ADDRESS), Map.of("network", "ETH", "address", EVM_ADDRESS)),
                "reason", "treasury addresses, ticket 42"), "MERCHANT_MANAGER");
        assertThat(listed.status()).as(listed.body().toString()).isEqualTo(200);
        return merchantNo;
    }

    Map<String, Object> payout(String payoutNo, String network, String address, String amount) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("payoutNo", payoutNo);
        p.put("network", network);
        p.put("coin", "USDT");
        p.put("toAddress", address);
        p.put("amount", amount);
        p.put("notifyUrl", "http://127.0.0.1:" + RECEIVER.getAddress().getPort() + "/notify/" + payoutNo);
        return p;
    }

    static long walletRequestsFor(String payoutNo) {
        return WALLET_REQUESTS.stream().filter(r -> r.path("payoutNo").asText().equals(payoutNo)).count();
    }

    String rowStatus(String merchantNo, String payoutNo) {
        return jdbc.queryForObject("SELECT status FROM merchant_payout WHERE merchant_no = ? AND payout_no = ?", String.class, merchantNo, payoutNo);
    }

    @Test
    void theMerchantManagerSetsPayoutAddressesOpLoggedAndListedInTheMerchantView() throws Exception {
        String merchantNo = onboard();
        Reply view = admin("GET", "/admin-api/merchant/merchants/" + merchantNo, null, "SUPPORT");
        assertThat(view.data().get("payoutAddresses")).hasSize(2);
        assertThat(view.data().at("/payoutAddresses/0/network").asText()).isEqualTo("ETH");
        assertThat(view.data().at("/payoutAddresses/0/address").asText()).isEqualTo(EVM_ADDRESS); // as given

        Map<String, Object> change = Map.of("payoutAddresses", List.of(Map.of("network", "TRON", "address", TRON_ADDRESS)),
                "reason", "ethereum treasury retired");
        assertThat(admin("PUT", "/admin-api/merchant/merchants/" + merchantNo + "/payout-addresses", change, "SUPPORT").status()).isEqualTo(403);
        Reply changed = admin("PUT", "/admin-api/merchant/merchants/" + merchantNo + "/payout-addresses", change, "MERCHANT_MANAGER");
        assertThat(changed.status()).as(changed.body().toString()).isEqualTo(200);
        assertThat(changed.data().get("payoutAddresses")).hasSize(1);

        Map<String, Object> log = jdbc.queryForMap("SELECT * FROM op_log WHERE operation = 'merchant.payout-addresses' AND outcome = 'SUCCESS'"
                + " AND reason = 'ethereum treasury retired' AND before_state LIKE ?", "%" + merchantNo + "%");
        assertThat(log.get("actor_id")).isEqualTo("5");
        assertThat((String) log.get("before_state")).contains(EVM_ADDRESS).contains(TRON_ADDRESS);
        assertThat((String) log.get("after_state")).contains(TRON_ADDRESS).doesNotContain(EVM_ADDRESS);

        // the same EVM address in another case is the same address: listing both is refused, nothing changes
        Reply twice = admin("PUT", "/admin-api/merchant/merchants/" + merchantNo + "/payout-addresses", Map.of("payoutAddresses", List.of(
                Map.of("network", "ETH", "address", EVM_ADDRESS), Map.of("network", "ETH", "address", EVM_ADDRESS.toLowerCase().replace("0X", "0x"))),
                "reason", "twice"), "MERCHANT_MANAGER");
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.code()).isEqualTo(20006);
        Reply malformed = admin("PUT", "/admin-api/merchant/merchants/" + merchantNo + "/payout-addresses", Map.of("payoutAddresses", List.of(
                Map.of("network", "TRON", "address", "T-not an address")), "reason", "typo"), "MERCHANT_MANAGER");
        assertThat(malformed.code()).isEqualTo(10001);
        assertThat(admin("PUT", "/admin-api/merchant/merchants/" + merchantNo + "/payout-addresses", Map.of("payoutAddresses", List.of()),
                "MERCHANT_MANAGER").code()).as("a reason is required").isEqualTo(10001);
        assertThat(admin("GET", "/admin-api/merchant/merchants/" + merchantNo, null, "SUPPORT").data().get("payoutAddresses")).hasSize(1);
    }

    @Test
    void aPayoutToAnAddressNotOnTheWhitelistIsRefusedAndTheWalletIsNeverCalled() throws Exception {
        String merchantNo = onboard();
        String other = "TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7";
        for (Map<String, Object> p : List.of(
                payout("W-1", "TRON", other, "10"),                                // not listed at all
                payout("W-2", "ETH", TRON_ADDRESS, "10"),                     // listed, but for another network
                payout("W-3", "TRON", TRON_ADDRESS.toLowerCase(), "10"))) {        // a base58 address is case-sensitive
            Reply refused = merchant(merchantNo, "POST", "/merchant-api/payouts", p);
            assertThat(refused.status()).as(refused.body().toString()).isEqualTo(403);
            assertThat(refused.code()).isEqualTo(20007);
            assertThat(walletRequestsFor((String) p.get("payoutNo"))).isZero();
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM merchant_payout WHERE merchant_no = ?", Integer.class, merchantNo)).isZero();

        // an EVM address is one address in any case: its lower-case spelling is on the list as the EIP-55 one
        Reply accepted = merchant(merchantNo, "POST", "/merchant-api/payouts", payout("W-4-" + merchantNo, "ETH", EVM_ADDRESS.toLowerCase()
                .replace("0X", "0x"), "10"));
        assertThat(accepted.status()).as(accepted.body().toString()).isEqualTo(200);
        assertThat(accepted.data().get("status").asText()).isEqualTo("HOLDING");
    }

    @Test
    void aRepeatedPayoutNoAnswersTheSamePayoutAndOtherDetailsAreRefused() throws Exception {
        String merchantNo = onboard();
        String payoutNo = "IDEM-" + merchantNo;
        Reply first = merchant(merchantNo, "POST", "/merchant-api/payouts", payout(payoutNo, "TRON", TRON_ADDRESS, "100.50"));
        assertThat(first.status()).as(first.body().toString()).isEqualTo(200);
        assertThat(first.data().get("status").asText()).isEqualTo("HOLDING");
        assertThat(first.data().get("amount").asText()).isEqualTo("100.5");
        assertThat(first.data().get("fee").asText()).isEqualTo("1");
        String withdrawalNo = first.data().get("withdrawalNo").asText();

        Reply again = merchant(merchantNo, "POST", "/merchant-api/payouts", payout(payoutNo, "TRON", TRON_ADDRESS, "100.5"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.data().get("withdrawalNo").asText()).isEqualTo(withdrawalNo);
        assertThat(again.data().get("status").asText()).isEqualTo("HOLDING");

        Reply otherAmount = merchant(merchantNo, "POST", "/merchant-api/payouts", payout(payoutNo, "TRON", TRON_ADDRESS, "100.51"));
        assertThat(otherAmount.status()).isEqualTo(409);
        assertThat(otherAmount.code()).isEqualTo(20008);
        Map<String, Object> otherUrl = payout(payoutNo, "TRON", TRON_ADDRESS, "100.5");
        otherUrl.put("notifyUrl", "https://shop.example/other");
        assertThat(merchant(merchantNo, "POST", "/merchant-api/payouts", otherUrl).code()).isEqualTo(20008);

        assertThat(walletRequestsFor(payoutNo)).as("the wallet was asked once").isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM merchant_payout WHERE merchant_no = ?", Integer.class, merchantNo)).isEqualTo(1);

        // the query reads the wallet while the payout is under way, and knows it only for its own merchant
        WALLET_PAYOUTS.computeIfPresent(merchantNo + "/" + payoutNo, (k, v) -> withStatus(v, WithdrawalStatus.BROADCAST, "0xfeed", null));
        Reply got = merchant(merchantNo, "GET", "/merchant-api/payouts/" + payoutNo, null);
        assertThat(got.data().get("status").asText()).isEqualTo("BROADCAST");
        assertThat(got.data().get("txHash").asText()).isEqualTo("0xfeed");
        Reply someoneElse = merchant("OTHER-" + merchantNo, "GET", "/merchant-api/payouts/" + payoutNo, null);
        assertThat(someoneElse.status()).isEqualTo(404);
        assertThat(someoneElse.code()).isEqualTo(20009);
    }

    @Test
    void theSamePayoutSentManyTimesAtOnceIsOnePayout() throws Exception {
        String merchantNo = onboard();
        String payoutNo = "RACE-" + merchantNo;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                replies.add(pool.submit(() -> merchant(merchantNo, "POST", "/merchant-api/payouts", payout(payoutNo, "TRON", TRON_ADDRESS, "3"))));
            }
            Set<String> withdrawals = new HashSet<>();
            for (Future<Reply> f : replies) {
                Reply r = f.get(30, TimeUnit.SECONDS);
                assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
                withdrawals.add(r.data().get("withdrawalNo").asText());
            }
            assertThat(withdrawals).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM merchant_payout WHERE merchant_no = ?", Integer.class, merchantNo)).isEqualTo(1);
        assertThat(WALLET_PAYOUTS.keySet().stream().filter(k -> k.startsWith(merchantNo + "/"))).hasSize(1);
        assertThat(rowStatus(merchantNo, payoutNo)).isEqualTo("HOLDING");
    }

    /** The wallet took the payout (its answer was lost) and finished it before the recovery asked again. */
    @Test
    void aPayoutFinishedWhileStillRequestingHereEndsWithItsCallbackAndTheRecoveryLeavesIt() throws Exception {
        String merchantNo = onboard();
        String payoutNo = "FAST-" + merchantNo;
        SCRIPTS.put(payoutNo, Script.APPLY_BUT_LOSE_ANSWER);
        assertThat(merchant(merchantNo, "POST", "/merchant-api/payouts", payout(payoutNo, "TRON", TRON_ADDRESS, "9")).data()
                .get("status").asText()).isEqualTo("REQUESTING");
        WithdrawalView failed = withStatus(WALLET_PAYOUTS.get(merchantNo + "/" + payoutNo), WithdrawalStatus.FAILED, null, "reverted on chain");
        WALLET_PAYOUTS.put(merchantNo + "/" + payoutNo, failed);
        publishFinished(UUID.randomUUID().toString(), failed);
        awaitUntil(() -> "FAILED".equals(rowStatus(merchantNo, payoutNo)) && callbacksTo(payoutNo).size() == 1);

        call("POST", "/rpc-api/merchant/payouts/recover?limit=100", null, Map.of());
        assertThat(walletRequestsFor(payoutNo)).as("an ended payout is not asked for again").isEqualTo(1);
        JsonNode body = readJson(callbacksTo(payoutNo).get(0).get("body"));
        assertThat(body.get("eventType").asText()).isEqualTo("PAYOUT_FAILED");
        assertThat(body.get("failureReason").asText()).isEqualTo("reverted on chain");
        assertThat(merchant(merchantNo, "GET", "/merchant-api/payouts/" + payoutNo, null).data().get("status").asText()).isEqualTo("FAILED");
    }

    @Test
    void theWalletsRefusalIsPassedOnWithItsCodeAndARepeatAnswersTheSameRefusal() throws Exception {
        String merchantNo = onboard();
        String payoutNo = "POOR-" + merchantNo;
        SCRIPTS.put(payoutNo, Script.REFUSE_INSUFFICIENT);
        for (int i = 0; i < 2; i++) {
            Reply refused = merchant(merchantNo, "POST", "/merchant-api/payouts", payout(payoutNo, "TRON", TRON_ADDRESS, "5000"));
            assertThat(refused.status()).as(refused.body().toString()).isEqualTo(409);
            assertThat(refused.code()).isEqualTo(15011);
            assertThat(refused.body().get("message").asText()).isEqualTo("insufficient balance for amount and fee");
        }
        assertThat(walletRequestsFor(payoutNo)).as("a refused payout is not asked for again").isEqualTo(1);
        assertThat(rowStatus(merchantNo, payoutNo)).isEqualTo("REFUSED");
        Reply got = merchant(merchantNo, "GET", "/merchant-api/payouts/" + payoutNo, null);
        assertThat(got.data().get("status").asText()).isEqualTo("REFUSED");
        assertThat(got.data().get("refusalCode").asInt()).isEqualTo(15011);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM callback_delivery WHERE payout_no = ?", Integer.class, payoutNo))
                .as("the merchant had the refusal as the answer: no callback").isZero();
    }

    @Test
    void anUnknownOutcomeIsLeftRequestingAndTheRecoveryCompletesItWithTheSameRequest() throws Exception {
        String merchantNo = onboard();
        String payoutNo = "LOST-" + merchantNo;
        SCRIPTS.put(payoutNo, Script.APPLY_BUT_LOSE_ANSWER);
        Reply first = merchant(merchantNo, "POST", "/merchant-api/payouts", payout(payoutNo, "TRON", TRON_ADDRESS, "20.000"));
        assertThat(first.status()).as(first.body().toString()).isEqualTo(200);
        assertThat(first.data().get("status").asText()).isEqualTo("REQUESTING");
        assertThat(rowStatus(merchantNo, payoutNo)).isEqualTo("REQUESTING");

        Reply recovered = call("POST", "/rpc-api/merchant/payouts/recover?limit=100", null, Map.of());
        assertThat(recovered.status()).as(recovered.body().toString()).isEqualTo(200);
        assertThat(recovered.data().asInt()).isGreaterThanOrEqualTo(1);
        assertThat(rowStatus(merchantNo, payoutNo)).isEqualTo("HOLDING");
        Reply got = merchant(merchantNo, "GET", "/merchant-api/payouts/" + payoutNo, null);
        assertThat(got.data().get("status").asText()).isEqualTo("HOLDING");
        assertThat(got.data().get("withdrawalNo").asText()).isEqualTo(WALLET_PAYOUTS.get(merchantNo + "/" + payoutNo).withdrawalNo());

        // both calls asked for the very same payout: the wallet's idempotency sees one request
        List<JsonNode> sent = WALLET_REQUESTS.stream().filter(r -> r.path("payoutNo").asText().equals(payoutNo)).toList();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1)).isEqualTo(sent.get(0));
        assertThat(sent.get(0).get("amount").asText()).isEqualTo("20");
        assertThat(call("POST", "/rpc-api/merchant/payouts/recover?limit=100", null, Map.of()).data().asInt())
                .as("nothing left to recover").isZero();
    }

    @Test
    void aPayoutTheWalletRefusesOnRecoveryEndsRefusedWithACallback() throws Exception {
        String merchantNo = onboard();
        String payoutNo = "LATE-" + merchantNo;
        SCRIPTS.put(payoutNo, Script.UNAVAILABLE);
        assertThat(merchant(merchantNo, "POST", "/merchant-api/payouts", payout(payoutNo, "TRON", TRON_ADDRESS, "7")).data()
                .get("status").asText()).isEqualTo("REQUESTING");
        SCRIPTS.put(payoutNo, Script.REFUSE_INSUFFICIENT);
        call("POST", "/rpc-api/merchant/payouts/recover?limit=100", null, Map.of());
        assertThat(rowStatus(merchantNo, payoutNo)).isEqualTo("REFUSED");
        awaitUntil(() -> callbacksTo(payoutNo).size() == 1);
        JsonNode body = readJson(callbacksTo(payoutNo).get(0).get("body"));
        assertThat(body.get("eventType").asText()).isEqualTo("PAYOUT_REFUSED");
        assertThat(body.get("refusalCode").asInt()).isEqualTo(15011);
    }

    @Test
    void aFinishedPayoutIsCalledBackOnceSignedByThePlatformEvenWhenTheEventComesTwice() throws Exception {
        String merchantNo = onboard();
        String payoutNo = "DONE-" + merchantNo;
        Reply accepted = merchant(merchantNo, "POST", "/merchant-api/payouts", payout(payoutNo, "TRON", TRON_ADDRESS, "250.25"));
        assertThat(accepted.status()).as(accepted.body().toString()).isEqualTo(200);
        WithdrawalView completed = withStatus(WALLET_PAYOUTS.get(merchantNo + "/" + payoutNo), WithdrawalStatus.COMPLETED,
                "9f2c6e0c1d7b4a55b0d1c2e3f4a5b6c79f2c6e0c1d7b4a55b0d1c2e3f4a5b6c7", null);
        String eventId = UUID.randomUUID().toString();
        publishFinished(eventId, completed);
        publishFinished(eventId, completed);                      // the same event delivered twice
        publishFinished(UUID.randomUUID().toString(), completed); // and published again under another id

        awaitUntil(() -> "COMPLETED".equals(rowStatus(merchantNo, payoutNo)) && callbacksTo(payoutNo).size() == 1
                && "DELIVERED".equals(jdbc.queryForObject("SELECT MAX(status) FROM callback_delivery WHERE payout_no = ?", String.class, payoutNo)));
        for (int i = 0; i < 3; i++) { // the retry job finds nothing more to send
            call("POST", "/rpc-api/merchant/callbacks/deliver-due", null, Map.of());
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM processed_event WHERE event_id = ?", Integer.class, eventId)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM callback_delivery WHERE payout_no = ?", Integer.class, payoutNo)).isEqualTo(1);
        assertThat(callbacksTo(payoutNo)).hasSize(1);

        Map<String, String> callback = callbacksTo(payoutNo).get(0);
        JsonNode body = readJson(callback.get("body"));
        assertThat(body.get("eventType").asText()).isEqualTo("PAYOUT_COMPLETED");
        assertThat(body.get("merchantNo").asText()).isEqualTo(merchantNo);
        assertThat(body.get("payoutNo").asText()).isEqualTo(payoutNo);
        assertThat(body.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(body.get("amount").asText()).isEqualTo("250.25");
        assertThat(body.get("fee").asText()).isEqualTo("1");
        assertThat(body.get("txHash").asText()).isEqualTo(completed.txHash());
        assertThat(body.get("notifyId").asText()).hasSize(32);

        // verified with the platform key the merchant downloads, over the exact body bytes received
        JsonNode key = call("GET", "/merchant-api/platform-key", null, Map.of()).data();
        assertThat(callback.get("fingerprint")).isEqualTo(key.get("fingerprint").asText());
        assertThat(RsaKeys.verify(RsaKeys.parsePublic(key.get("publicKeyPem").asText()), callback.get("body"), callback.get("signature"))).isTrue();
        assertThat(RsaKeys.verify(RsaKeys.parsePublic(key.get("publicKeyPem").asText()), callback.get("body").replace("250.25", "2500.25"),
                callback.get("signature"))).as("a changed body does not verify").isFalse();

        Reply got = merchant(merchantNo, "GET", "/merchant-api/payouts/" + payoutNo, null);
        assertThat(got.data().get("status").asText()).isEqualTo("COMPLETED");
        assertThat(got.data().get("txHash").asText()).isEqualTo(completed.txHash());
        Reply log = merchant(merchantNo, "GET", "/merchant-api/payouts/" + payoutNo + "/callbacks", null);
        assertThat(log.data()).hasSize(1);
        assertThat(log.data().at("/0/status").asText()).isEqualTo("DELIVERED");
        assertThat(log.data().at("/0/payoutNo").asText()).isEqualTo(payoutNo);

        // a redelivery request, as for orders, answers the delivery; one that was acknowledged is not sent again
        Reply again = merchant(merchantNo, "POST", "/merchant-api/payouts/" + payoutNo + "/callbacks/redeliver", null);
        assertThat(again.status()).as(again.body().toString()).isEqualTo(200);
        assertThat(again.data().at("/0/status").asText()).isEqualTo("DELIVERED");
        assertThat(again.data().at("/0/attempts").asInt()).isEqualTo(1);
        assertThat(callbacksTo(payoutNo)).hasSize(1);
    }

    /** No key can be voided in the wallet: should a lost earlier attempt be applied after a refusal, the wallet's end wins. */
    @Test
    void aRefusedPayoutTheWalletCarriesOutAfterAllFollowsTheWalletAndIsCalledBack() throws Exception {
        String merchantNo = onboard();
        String payoutNo = "AFTER-" + merchantNo;
        SCRIPTS.put(payoutNo, Script.REFUSE_INSUFFICIENT);
        assertThat(merchant(merchantNo, "POST", "/merchant-api/payouts", payout(payoutNo, "TRON", TRON_ADDRESS, "4")).code()).isEqualTo(15011);
        WithdrawalView completed = new WithdrawalView("W-late", "MERCHANT:" + merchantNo, payoutNo, "TRON", "USDT", TRON_ADDRESS,
                new BigDecimal("4"), new BigDecimal("1"), WithdrawalStatus.COMPLETED, "0xbeef", null, Instant.now(), Instant.now());
        publishFinished(UUID.randomUUID().toString(), completed);
        awaitUntil(() -> "COMPLETED".equals(rowStatus(merchantNo, payoutNo)) && callbacksTo(payoutNo).size() == 1);
        assertThat(readJson(callbacksTo(payoutNo).get(0).get("body")).get("eventType").asText()).isEqualTo("PAYOUT_COMPLETED");
        Reply got = merchant(merchantNo, "GET", "/merchant-api/payouts/" + payoutNo, null);
        assertThat(got.data().get("status").asText()).isEqualTo("COMPLETED");
        assertThat(got.data().get("txHash").asText()).isEqualTo("0xbeef");
    }

    void publishFinished(String eventId, WithdrawalView view) throws Exception {
        MessageProperties p = new MessageProperties();
        p.setMessageId(eventId);
        p.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        rabbit.send(names.exchange(WalletEvents.DOMAIN), WalletEvents.PAYOUT_FINISHED.routingKey(),
                MessageBuilder.withBody(MAPPER.writeValueAsBytes(view)).andProperties(p).build());
    }

    static List<Map<String, String>> callbacksTo(String payoutNo) {
        return CALLBACKS.stream().filter(c -> c.get("path").equals("/notify/" + payoutNo)).toList();
    }

    static void awaitUntil(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("not reached in time").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    static JsonNode readJson(String text) throws IOException {
        return MAPPER.readTree(text);
    }

    static WithdrawalView withStatus(WithdrawalView v, WithdrawalStatus status, String txHash, String failureReason) {
        return new WithdrawalView(v.withdrawalNo(), v.ownerRef(), v.clientRef(), v.network(), v.coin(), v.toAddress(), v.amount(), v.fee(),
                status, txHash, failureReason, v.createdAt(), Instant.now());
    }

    /** The stand-in wallet-svc: idempotent on merchantNo/payoutNo as the real one, each payout number as scripted. */
    static HttpServer startWallet() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/rpc-api/wallet/payouts", exchange -> {
                try {
                    if (exchange.getRequestMethod().equals("POST")) {
                        JsonNode r = MAPPER.readTree(exchange.getRequestBody().readAllBytes());
                        WALLET_REQUESTS.add(r);
                        String key = r.get("merchantNo").asText() + "/" + r.get("payoutNo").asText();
                        switch (SCRIPTS.getOrDefault(r.get("payoutNo").asText(), Script.ACCEPT)) {
                            case REFUSE_INSUFFICIENT -> answer(exchange, 409, "{\"code\":15011,\"message\":\"insufficient balance for amount and fee\"}");
                            case UNAVAILABLE -> answer(exchange, 503, "{\"code\":10503,\"message\":\"service temporarily unavailable\"}");
                            case APPLY_BUT_LOSE_ANSWER -> {
                                SCRIPTS.put(r.get("payoutNo").asText(), Script.ACCEPT); // applied now; the next call finds it
                                accepted(key, r);
                                answer(exchange, 504, "{\"code\":10504,\"message\":\"upstream timeout\"}");
                            }
                            case ACCEPT -> answer(exchange, 200, ok(accepted(key, r)));
                        }
                    } else {
                        String[] parts = exchange.getRequestURI().getPath().split("/"); // /rpc-api/wallet/payouts/{m}/{p}
                        WithdrawalView v = WALLET_PAYOUTS.get(parts[4] + "/" + parts[5]);
                        if (v == null) {
                            answer(exchange, 404, "{\"code\":15012,\"message\":\"withdrawal not found\"}");
                        } else {
                            answer(exchange, 200, ok(v));
                        }
                    }
                } catch (RuntimeException e) {
                    answer(exchange, 500, "{\"code\":10500,\"message\":\"internal error\"}");
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static WithdrawalView accepted(String key, JsonNode r) {
        return WALLET_PAYOUTS.computeIfAbsent(key, k -> new WithdrawalView("W" + UUID.randomUUID().toString().replace("-", "").substring(0, 16),
                "MERCHANT:" + r.get("merchantNo").asText(), r.get("payoutNo").asText(), r.get("network").asText(), r.get("coin").asText(),
                r.get("toAddress").asText(), new BigDecimal(r.get("amount").asText()), new BigDecimal("1.000000"), WithdrawalStatus.HOLDING,
                null, null, Instant.now(), Instant.now()));
    }

    static String ok(WithdrawalView v) throws IOException {
        return "{\"code\":0,\"message\":\"ok\",\"data\":" + MAPPER.writeValueAsString(v) + "}";
    }

    static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] out = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, out.length);
        exchange.getResponseBody().write(out);
        exchange.close();
    }

    /** The merchant's callback endpoint: records each POST and acknowledges it. */
    static HttpServer startReceiver() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/notify/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                CALLBACKS.add(Map.of("path", exchange.getRequestURI().getPath(), "body", body,
                        "signature", exchange.getRequestHeaders().getFirst("X-Signature"),
                        "fingerprint", exchange.getRequestHeaders().getFirst("X-Platform-Key-Fingerprint")));
                byte[] out = "success".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, out.length);
                exchange.getResponseBody().write(out);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
