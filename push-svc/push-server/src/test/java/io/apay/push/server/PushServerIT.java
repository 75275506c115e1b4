package io.apay.push.server;

import static io.apay.push.server.PushTestSupport.await;
import static io.apay.push.server.PushTestSupport.connect;
import static io.apay.push.server.PushTestSupport.events;
import static io.apay.push.server.PushTestSupport.json;
import static io.apay.push.server.PushTestSupport.post;
import static io.apay.push.server.PushTestSupport.presence;
import static io.apay.push.server.PushTestSupport.registerDevice;
import static io.apay.push.server.PushTestSupport.send;
import static io.apay.push.server.PushTestSupport.ws;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.apay.common.mq.OutboxPublisher;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.common.test.ServiceBootContract;
import io.apay.push.api.message.OrderAssignedMessage;
import io.apay.push.api.message.OrderClosedMessage;
import io.apay.push.api.message.PaymentChannel;
import io.apay.push.api.message.PushMessages;
import io.apay.push.simulator.HandshakeRefusedException;
import io.apay.push.simulator.MonitorClient;
import io.apay.push.simulator.MonitorCredentials;
import io.apay.push.simulator.MonitorSigner;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.test.context.TestConfiguration;
import io.apay.common.test.StatementCounter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** push-svc booted for real, with its real 2 s heartbeat: the contract every service meets, then the monitor's. */
@ApayIntegrationTest
@Import(PushServerIT.Counting.class)
class PushServerIT extends ServiceBootContract {

    @TestConfiguration
    static class Counting {
        @Bean
        static StatementCounter statementCounter() {
            return new StatementCounter();
        }
    }

    @Autowired StatementCounter counter;
    @Autowired JdbcTemplate jdbc;
    @Autowired OutboxPublisher outbox;
    @Autowired PlatformTransactionManager txManager;

    static long newAcceptor() {
        return ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000_000L);
    }

    @Test
    void aDeviceSecretIsShownOnceAndStoredOnlyEncrypted() throws Exception {
        long acceptor = newAcceptor();
        HttpResponse<String> created = post(port, "/app-api/push/devices", acceptor, "{\"name\":\"Redmi 12\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode data = json(created).get("data");
        String deviceId = data.get("deviceId").asText();
        String secret = data.get("deviceSecret").asText();
        assertThat(deviceId).matches("md_[a-z2-7]{26}");
        assertThat(secret).hasSize(43);

        String stored = jdbc.queryForObject("SELECT secret_enc FROM monitor_device WHERE device_id = ?", String.class, deviceId);
        assertThat(stored).startsWith("v1:").doesNotContain(secret);
        HttpResponse<String> list = send(port, "GET", "/app-api/push/devices", acceptor);
        assertThat(list.body()).contains(deviceId).doesNotContain(secret).doesNotContain("v1:");
        assertThat(send(port, "GET", "/app-api/push/devices", acceptor + 1).body()).doesNotContain(deviceId);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM op_log WHERE operation = 'push.device.register' AND actor_id = ?",
                Integer.class, String.valueOf(acceptor))).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT args FROM op_log WHERE operation = 'push.device.register' AND actor_id = ?",
                String.class, String.valueOf(acceptor))).doesNotContain(secret);
    }

    @Test
    void deviceEndpointsRefuseBadInputWithStableCodes() throws Exception {
        long acceptor = newAcceptor();
        HttpResponse<String> anonymous = post(port, "/app-api/push/devices", null, "{\"name\":\"x\"}");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(json(anonymous).get("code").asInt()).isEqualTo(10010);
        HttpResponse<String> blank = post(port, "/app-api/push/devices", acceptor, "{\"name\":\" \"}");
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(json(blank).get("code").asInt()).isEqualTo(10001);
        for (int i = 0; i < 5; i++) {
            registerDevice(port, acceptor);
        }
        HttpResponse<String> sixth = post(port, "/app-api/push/devices", acceptor, "{\"name\":\"one too many\"}");
        assertThat(sixth.statusCode()).isEqualTo(409);
        assertThat(json(sixth).get("code").asInt()).isEqualTo(19102);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM monitor_device WHERE acceptor_id = ?", Integer.class, acceptor)).isEqualTo(5);
        HttpResponse<String> unknown = send(port, "DELETE", "/app-api/push/devices/md_nope", acceptor);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("code").asInt()).isEqualTo(19101);
    }

    @Test
    void aDeviceNameWithControlOrBidiCharactersIsRefusedWith10050AndNothingIsStored() throws Exception {
        long acceptor = newAcceptor();
        for (String name : List.of("Redmi\u202E21 imdeR", "Redmi\u0000", "\u001b[2JRedmi")) {
            HttpResponse<String> r = post(port, "/app-api/push/devices", acceptor, PushTestSupport.MAPPER.writeValueAsString(
                    Map.of("name", name)));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            assertThat(json(r).get("code").asInt()).isEqualTo(10050);
            assertThat(json(r).at("/data/errors/0/field").asText()).isEqualTo("name");
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM monitor_device WHERE acceptor_id = ?", Integer.class, acceptor)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM op_log WHERE operation = 'push.device.register' AND actor_id = ?",
                Integer.class, String.valueOf(acceptor))).isZero();
    }

    @Test
    void unauthenticatedOrForgedHandshakesAreRefusedAndOpenNothing() throws Exception {
        long acceptor = newAcceptor();
        MonitorCredentials device = registerDevice(port, acceptor);
        MonitorCredentials otherAcceptorsDevice = registerDevice(port, newAcceptor());

        // no gateway identity (no valid token): 401
        assertRefused(new MonitorCredentials(acceptor, device.deviceId(), device.deviceSecret(), "stolen-token", false), 401, 10010);
        // the right device, a forged signature
        assertRefused(MonitorCredentials.direct(acceptor, device.deviceId(), "not-the-secret"), 401, 19003);
        // someone else's device, signed correctly with its secret
        assertRefused(MonitorCredentials.direct(acceptor, otherAcceptorsDevice.deviceId(), otherAcceptorsDevice.deviceSecret()), 401, 19002);
        // a stale handshake (replayed from 10 minutes ago)
        long old = System.currentTimeMillis() - Duration.ofMinutes(10).toMillis();
        HttpResponse<String> stale = upgrade(acceptor, "?deviceId=" + device.deviceId() + "&ts=" + old
                + "&sig=" + MonitorSigner.connect(device.deviceSecret(), acceptor, device.deviceId(), old));
        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(json(stale).get("code").asInt()).isEqualTo(19003);
        // parameters missing
        HttpResponse<String> bare = upgrade(acceptor, "");
        assertThat(bare.statusCode()).isEqualTo(400);
        assertThat(json(bare).get("code").asInt()).isEqualTo(19001);
        assertThat(bare.body()).doesNotContain("Exception");

        assertThat(presence(port, acceptor).get("online").asBoolean()).isFalse();
        assertThat(events(jdbc, "acceptor.online", acceptor)).isEmpty();

        // a revoked device can no longer connect, and its live connection is closed
        MonitorClient live = connect(port, device);
        assertThat(send(port, "DELETE", "/app-api/push/devices/" + device.deviceId(), acceptor).statusCode()).isEqualTo(200);
        assertThat(live.closeCode().get(5, TimeUnit.SECONDS)).isEqualTo(4004);
        await(() -> !presenceOnline(acceptor), Duration.ofSeconds(2), "paused after revoke");
        assertRefused(device, 401, 19002);
    }

    @Test
    void aHandshakeIsSingleUseAndAGatewayTicketIsRedeemedOnce() throws Exception {
        long acceptor = newAcceptor();
        MonitorCredentials device = registerDevice(port, acceptor);
        String signed = handshake(device, System.currentTimeMillis());
        assertThat(welcome(acceptor, "?" + signed, null).path("type").asText()).isEqualTo("welcome");
        // the same (deviceId, ts) again within its 5 minutes: refused, whoever sends it
        HttpResponse<String> replay = upgrade(acceptor, "?" + signed);
        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(json(replay).get("code").asInt()).isEqualTo(19010);

        // the gateway's check spends (deviceId, ts) and hands out a one-time ticket for the upgrade
        String checked = handshake(device, System.currentTimeMillis());
        HttpResponse<String> check = post(port, "/rpc-api/push/monitor/handshake-check", null, checkBody(acceptor, checked));
        assertThat(check.statusCode()).as(check.body()).isEqualTo(200);
        String ticket = json(check).at("/data/ticket").asText();
        assertThat(ticket).hasSizeGreaterThanOrEqualTo(40);
        HttpResponse<String> checkedAgain = post(port, "/rpc-api/push/monitor/handshake-check", null, checkBody(acceptor, checked));
        assertThat(checkedAgain.statusCode()).isEqualTo(401);
        assertThat(json(checkedAgain).get("code").asInt()).isEqualTo(19010);
        HttpResponse<String> directAfterCheck = upgrade(acceptor, "?" + checked);
        assertThat(json(directAfterCheck).get("code").asInt()).isEqualTo(19010);
        // the ticket is good once, and only for its acceptor (a wrong one burns it)
        assertThat(welcome(acceptor, "?" + checked, ticket).path("type").asText()).isEqualTo("welcome");
        HttpResponse<String> ticketAgain = upgrade(acceptor, "?" + checked, ticket);
        assertThat(ticketAgain.statusCode()).isEqualTo(401);
        assertThat(json(ticketAgain).get("code").asInt()).isEqualTo(19011);
        String another = handshake(device, System.currentTimeMillis());
        String ticket2 = json(post(port, "/rpc-api/push/monitor/handshake-check", null, checkBody(acceptor, another))).at("/data/ticket").asText();
        HttpResponse<String> otherAcceptor = upgrade(acceptor + 1, "?" + another, ticket2);
        assertThat(otherAcceptor.statusCode()).isEqualTo(401);
        assertThat(json(otherAcceptor).get("code").asInt()).isEqualTo(19011);
        assertThat(json(upgrade(acceptor, "?" + another, ticket2)).get("code").asInt()).isEqualTo(19011);
        // the check refuses what the upgrade would: missing parameters, a wrong signature, a revoked device
        HttpResponse<String> bare = post(port, "/rpc-api/push/monitor/handshake-check", null, "{\"acceptorId\":" + acceptor + "}");
        assertThat(bare.statusCode()).isEqualTo(400);
        assertThat(json(bare).get("code").asInt()).isEqualTo(19001);
        String forged = handshake(MonitorCredentials.direct(acceptor, device.deviceId(), "not-the-secret"), System.currentTimeMillis());
        assertThat(json(post(port, "/rpc-api/push/monitor/handshake-check", null, checkBody(acceptor, forged))).get("code").asInt())
                .isEqualTo(19003);

        // a phone that reconnects at once, again and again, signs a new ts each time and always gets in
        for (int i = 0; i < 5; i++) {
            MonitorClient monitor = connect(port, device);
            assertThat(monitor.isWelcomed()).isTrue();
            monitor.close();
        }
        assertThat(send(port, "DELETE", "/app-api/push/devices/" + device.deviceId(), acceptor).statusCode()).isEqualTo(200);
        String afterRevoke = handshake(device, System.currentTimeMillis());
        assertThat(json(post(port, "/rpc-api/push/monitor/handshake-check", null, checkBody(acceptor, afterRevoke))).get("code").asInt())
                .isEqualTo(19002);
    }

    @Test
    void aPercentEncodedHandshakeIsReadDecodedDirectlyAndWithTheGatewaysTicket() throws Exception {
        long acceptor = newAcceptor();
        MonitorCredentials device = registerDevice(port, acceptor);
        // every character of the device id escaped: a URL means the same with or without
        String encoded = device.deviceId().chars().mapToObj(c -> String.format("%%%02X", c)).collect(java.util.stream.Collectors.joining());
        long ts = System.currentTimeMillis();
        String direct = "deviceId=" + encoded + "&ts=" + ts + "&sig=" + MonitorSigner.connect(device.deviceSecret(), acceptor, device.deviceId(), ts);
        assertThat(welcome(acceptor, "?" + direct, null).path("type").asText()).isEqualTo("welcome");
        // the gateway checks the handshake as it reads the URL (decoded), then forwards the URL as the client sent it
        long ts2 = ts + 1;
        String sig2 = MonitorSigner.connect(device.deviceSecret(), acceptor, device.deviceId(), ts2);
        HttpResponse<String> check = post(port, "/rpc-api/push/monitor/handshake-check", null,
                checkBody(acceptor, "deviceId=" + device.deviceId() + "&ts=" + ts2 + "&sig=" + sig2));
        assertThat(check.statusCode()).as(check.body()).isEqualTo(200);
        String ticket = json(check).at("/data/ticket").asText();
        assertThat(welcome(acceptor, "?deviceId=" + encoded + "&ts=" + ts2 + "&sig=" + sig2, ticket).path("type").asText())
                .isEqualTo("welcome");
    }

    private static String handshake(MonitorCredentials device, long ts) {
        return "deviceId=" + device.deviceId() + "&ts=" + ts + "&sig="
                + MonitorSigner.connect(device.deviceSecret(), device.acceptorId(), device.deviceId(), ts);
    }

    private static String checkBody(long acceptor, String handshake) {
        var q = org.springframework.web.util.UriComponentsBuilder.fromUriString("/?" + handshake).build().getQueryParams();
        return "{\"acceptorId\":" + acceptor + ",\"deviceId\":\"" + q.getFirst("deviceId") + "\",\"ts\":\"" + q.getFirst("ts")
                + "\",\"sig\":\"" + q.getFirst("sig") + "\"}";
    }

    /** An accepted upgrade's first frame; the socket is then closed. */
    private JsonNode welcome(long acceptor, String query, String ticket) throws Exception {
        var first = new java.util.concurrent.CompletableFuture<String>();
        var b = PushTestSupport.HTTP.newWebSocketBuilder().header("X-Apay-User-Id", String.valueOf(acceptor));
        if (ticket != null) {
            b.header("X-Apay-Monitor-Ticket", ticket);
        }
        java.net.http.WebSocket ws = b.buildAsync(java.net.URI.create("ws://127.0.0.1:" + port + "/ws/monitor" + query),
                new java.net.http.WebSocket.Listener() {
                    @Override
                    public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket w, CharSequence data, boolean last) {
                        first.complete(data.toString());
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        try {
            return PushTestSupport.MAPPER.readTree(first.get(10, TimeUnit.SECONDS));
        } finally {
            ws.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aCleanClosePausesTheAcceptorWithinOneSecond() throws Exception {
        long acceptor = newAcceptor();
        MonitorClient monitor = connect(port, registerDevice(port, acceptor));
        JsonNode online = presence(port, acceptor);
        assertThat(online.get("online").asBoolean()).isTrue();
        assertThat(online.get("epoch").asLong()).isEqualTo(monitor.epoch());
        assertThat(events(jdbc, "acceptor.online", acceptor)).singleElement()
                .satisfies(e -> assertThat(e.payload().get("epoch").asLong()).isEqualTo(monitor.epoch()));

        long closedAt = System.nanoTime();
        monitor.close();
        await(() -> !presenceOnline(acceptor), Duration.ofSeconds(1), "paused after a clean close");
        long pausedAfterMs = (System.nanoTime() - closedAt) / 1_000_000;
        assertThat(pausedAfterMs).isLessThan(1000);
        assertThat(events(jdbc, "acceptor.offline", acceptor)).singleElement().satisfies(e -> {
            assertThat(e.payload().get("epoch").asLong()).isEqualTo(monitor.epoch());
            assertThat(e.payload().get("reason").asText()).isEqualTo("CLOSED");
        });
    }

    @Test
    void aSilentMonitorIsDroppedAndPausedWithinSevenSeconds() throws Exception {
        long acceptor = newAcceptor();
        MonitorClient monitor = connect(port, registerDevice(port, acceptor));
        MonitorClient bystander = connect(port, registerDevice(port, newAcceptor()));
        monitor.awaitFrame(f -> "ping".equals(f.path("type").asText()), Duration.ofSeconds(5));

        long silentAt = System.nanoTime();
        monitor.goSilent();
        await(() -> !presenceOnline(acceptor), Duration.ofSeconds(8), "paused after going silent");
        long detectedMs = (System.nanoTime() - silentAt) / 1_000_000;
        assertThat(detectedMs).isBetween(4_000L, 7_000L);
        assertThat(monitor.closeCode().get(3, TimeUnit.SECONDS)).isEqualTo(4002);
        assertThat(events(jdbc, "acceptor.offline", acceptor)).singleElement()
                .satisfies(e -> assertThat(e.payload().get("reason").asText()).isEqualTo("HEARTBEAT_TIMEOUT"));
        // the monitor that kept answering is untouched
        assertThat(bystander.isOpen()).isTrue();
        assertThat(presenceOnline(bystander.acceptorId())).isTrue();
        assertThat(bystander.frames("ping").size()).isGreaterThanOrEqualTo(3);
        bystander.close();
    }

    @Test
    void malformedFramesGetAnErrorFrameAndTheSocketStaysOpen() throws Exception {
        long acceptor = newAcceptor();
        MonitorClient monitor = connect(port, registerDevice(port, acceptor));
        MonitorClient bystander = connect(port, registerDevice(port, newAcceptor()));

        monitor.sendText("this is not json");
        monitor.sendText("[1,2,3]");
        assertThat(monitor.sendExpectingAnswer("t1", "{\"type\":\"teleport\",\"id\":\"t1\"}").get(5, TimeUnit.SECONDS)
                .get("code").asInt()).isEqualTo(19202);
        JsonNode numberAmount = monitor.sendExpectingAnswer("t2", "{\"type\":\"payment.received\",\"id\":\"t2\","
                + "\"notificationId\":\"n1\",\"channel\":\"ALIPAY\",\"amount\":100.03,\"currency\":\"CNY\","
                + "\"paidAt\":\"2025-11-26T10:00:00Z\",\"sig\":\"00\"}").get(5, TimeUnit.SECONDS);
        assertThat(numberAmount.get("type").asText()).isEqualTo("error");
        assertThat(numberAmount.get("code").asInt()).isEqualTo(19203);
        assertThat(numberAmount.get("message").asText()).contains("amount");
        assertThat(monitor.sendExpectingAnswer("t3", "{\"type\":\"ack\",\"id\":\"t3\",\"messageId\":\"nope\"}")
                .get(5, TimeUnit.SECONDS).get("code").asInt()).isEqualTo(19205);
        assertThat(monitor.frames("error").stream().filter(f -> f.get("code").asInt() == 19201)).hasSize(2);
        assertThat(monitor.frames().toString()).doesNotContain("Exception");

        // still open, still online, still answering pings; nothing published; the other monitor unaffected
        int pings = monitor.frames("ping").size();
        monitor.awaitFrame(f -> "ping".equals(f.path("type").asText()) && monitor.frames("ping").size() > pings, Duration.ofSeconds(5));
        assertThat(monitor.isOpen()).isTrue();
        assertThat(presenceOnline(acceptor)).isTrue();
        assertThat(presenceOnline(bystander.acceptorId())).isTrue();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM payment_report WHERE acceptor_id = ?", Integer.class, acceptor)).isZero();

        // a frame beyond the size limit closes the socket with 1009 (documented)
        monitor.sendText("{\"type\":\"pong\",\"pad\":\"" + "x".repeat(5000) + "\"}");
        assertThat(monitor.closeCode().get(5, TimeUnit.SECONDS)).isEqualTo(1009);
        await(() -> !presenceOnline(acceptor), Duration.ofSeconds(2), "paused after the oversized frame");
        assertThat(bystander.isOpen()).isTrue();
        bystander.close();
    }

    @Test
    void aPaymentReportIsStoredAndPublishedOnceAndABadSignatureIsRefused() throws Exception {
        long acceptor = newAcceptor();
        MonitorCredentials device = registerDevice(port, acceptor);
        MonitorClient monitor = connect(port, device);
        Instant paidAt = Instant.parse("2025-11-26T10:15:30.120Z");

        counter.start();
        JsonNode first;
        List<StatementCounter.Call> calls;
        try {
            first = monitor.reportPayment("notif-1", "ALIPAY", "100.03", "CNY", "张三 order 7", paidAt).get(5, TimeUnit.SECONDS);
        } finally {
            calls = counter.stop();
        }
        assertThat(first.get("type").asText()).isEqualTo("ack");
        assertThat(first.get("status").asText()).isEqualTo("accepted");
        // a new report is inserted without looking for a repeat first: the unique key finds repeats
        assertThat(calls).extracting(StatementCounter.Call::what).filteredOn(w -> w.contains("payment_report"))
                .singleElement().satisfies(w -> assertThat(w).startsWith("INSERT INTO payment_report"));
        JsonNode again = monitor.reportPayment("notif-1", "ALIPAY", "100.03", "CNY", "张三 order 7", paidAt).get(5, TimeUnit.SECONDS);
        assertThat(again.get("status").asText()).isEqualTo("duplicate");
        assertThat(again.get("reportId").asText()).isEqualTo(first.get("reportId").asText());

        // signed by someone without the device secret
        MonitorClient forger = MonitorClient.connect(PushTestSupport.HTTP, ws(port), device, Duration.ofSeconds(10));
        JsonNode forged = forger.sendExpectingAnswer("f1", "{\"type\":\"payment.received\",\"id\":\"f1\",\"notificationId\":\"notif-2\","
                + "\"channel\":\"ALIPAY\",\"amount\":\"999.00\",\"currency\":\"CNY\",\"payerRemark\":\"\",\"paidAt\":\"2025-11-26T10:15:30Z\","
                + "\"sig\":\"" + MonitorSigner.report("guessed", device.deviceId(), "notif-2", "ALIPAY", "999.00", "CNY",
                "2025-11-26T10:15:30Z", "") + "\"}").get(5, TimeUnit.SECONDS);
        assertThat(forged.get("code").asInt()).isEqualTo(19204);
        // too many decimals for CNY
        JsonNode fractional = forger.reportPayment("notif-3", "BANK", "10.001", "CNY", "", paidAt).get(5, TimeUnit.SECONDS);
        assertThat(fractional.get("code").asInt()).isEqualTo(19203);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM payment_report WHERE acceptor_id = ?", Integer.class, acceptor)).isEqualTo(1);
        var published = events(jdbc, "payment.received", acceptor);
        assertThat(published).singleElement().satisfies(e -> {
            JsonNode p = e.payload();
            assertThat(p.get("reportId").asText()).isEqualTo(first.get("reportId").asText());
            assertThat(p.get("amount").isTextual()).isTrue();
            assertThat(p.get("amount").asText()).isEqualTo("100.03");
            assertThat(p.get("channel").asText()).isEqualTo("ALIPAY");
            assertThat(p.get("payerRemark").asText()).isEqualTo("张三 order 7");
            assertThat(p.get("paidAt").asText()).isEqualTo("2025-11-26T10:15:30.120Z");
            assertThat(p.get("deviceId").asText()).isEqualTo(device.deviceId());
        });
        forger.close();
        monitor.close();
    }

    /**
     * The buyer chooses the remark (an RTL override, ANSI escapes, NUL): the report is real money, so it is accepted,
     * but every control or invisible formatting character is stored and published as U+FFFD.
     */
    @Test
    void aPayerRemarkWithControlOrBidiCharactersIsAcceptedWithThemReplaced() throws Exception {
        long acceptor = newAcceptor();
        MonitorCredentials device = registerDevice(port, acceptor);
        MonitorClient monitor = connect(port, device);
        String remark = "buyer\u202Egnp.exe\u001b[31m red\u0000 张三";
        String shown = "buyer\uFFFDgnp.exe\uFFFD[31m red\uFFFD 张三";

        JsonNode ack = monitor.reportPayment("notif-remark", "ALIPAY", "100.03", "CNY", remark, Instant.parse("2025-11-26T10:15:30Z"))
                .get(5, TimeUnit.SECONDS);
        assertThat(ack.get("type").asText()).as(ack.toString()).isEqualTo("ack");
        assertThat(ack.get("status").asText()).isEqualTo("accepted");
        assertThat(jdbc.queryForObject("SELECT payer_remark FROM payment_report WHERE acceptor_id = ?", String.class, acceptor))
                .isEqualTo(shown);
        assertThat(events(jdbc, "payment.received", acceptor)).singleElement()
                .satisfies(e -> assertThat(e.payload().get("payerRemark").asText()).isEqualTo(shown));
        monitor.close();
    }

    @Test
    void anOrderReachesTheLiveMonitorAndAnOfflineAcceptorGetsItWhenItConnects() throws Exception {
        long acceptor = newAcceptor();
        MonitorCredentials device = registerDevice(port, acceptor);
        MonitorClient monitor = connect(port, device);
        String messageId = sendOrderAssigned(acceptor, "o-1", "100.03");
        JsonNode order = monitor.awaitFrame(f -> "order.assigned".equals(f.path("type").asText()), Duration.ofSeconds(10));
        assertThat(order.get("messageId").asText()).isEqualTo(messageId);
        assertThat(order.get("epoch").asLong()).isEqualTo(monitor.epoch());
        assertThat(order.get("payableAmount").asText()).isEqualTo("100.03");
        assertThat(order.get("channel").asText()).isEqualTo("ALIPAY");
        await(() -> status(messageId) == 1, Duration.ofSeconds(5), "acknowledged by the monitor");

        // the same event delivered again (the relay sends it a second time): nothing stored or sent again; the
        // message's event id is its unique key (no processed_event mark), and the queue is in order, so a message
        // sent after it arriving means the repeat was consumed
        jdbc.update("UPDATE outbox_event SET status = 0, next_attempt_at = UTC_TIMESTAMP(3) WHERE event_id = ?", messageId);
        await(() -> jdbc.queryForObject("SELECT status FROM outbox_event WHERE event_id = ?", Integer.class, messageId) == 1,
                Duration.ofSeconds(10), "sent again by the relay's poll");
        String after = sendOrderAssigned(acceptor, "o-1b", "100.07");
        monitor.awaitFrame(f -> after.equals(f.path("messageId").asText()), Duration.ofSeconds(10));
        assertThat(monitor.frames().stream().filter(f -> messageId.equals(f.path("messageId").asText()))).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM acceptor_message WHERE message_id = ?", Integer.class, messageId)).isEqualTo(1);
        assertThat(status(messageId)).as("still acknowledged").isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM processed_event WHERE event_id = ?", Integer.class, messageId)).isZero();
        await(() -> status(after) == 1, Duration.ofSeconds(5), "the later message acknowledged");
        monitor.close();
        await(() -> !presenceOnline(acceptor), Duration.ofSeconds(2), "paused");

        // offline: kept, then delivered to the next connection (with its epoch), once
        String whileOffline = sendOrderAssigned(acceptor, "o-2", "200.07");
        String closed = new TransactionTemplate(txManager).execute(s -> outbox.publish(PushMessages.ORDER_CLOSED,
                new OrderClosedMessage(acceptor, "o-1", "PAID", Instant.now())));
        await(() -> status(whileOffline) == 0 && status(closed) == 0, Duration.ofSeconds(10), "stored while offline");
        MonitorClient next = connect(port, device);
        JsonNode replayed = next.awaitFrame(f -> whileOffline.equals(f.path("messageId").asText()), Duration.ofSeconds(5));
        assertThat(replayed.get("epoch").asLong()).isEqualTo(next.epoch()).isGreaterThan(monitor.epoch());
        assertThat(next.awaitFrame(f -> closed.equals(f.path("messageId").asText()), Duration.ofSeconds(5))
                .get("reason").asText()).isEqualTo("PAID");
        await(() -> status(whileOffline) == 1 && status(closed) == 1, Duration.ofSeconds(5), "acknowledged after replay");
        assertThat(next.frames().stream().filter(f -> messageId.equals(f.path("messageId").asText()))).isEmpty();
        next.close();
    }

    @Test
    void theRpcApiAnswersPresenceForOtherServices() throws Exception {
        long acceptor = newAcceptor();
        long never = newAcceptor();
        MonitorClient monitor = connect(port, registerDevice(port, acceptor));
        JsonNode many = json(send(port, "GET", "/rpc-api/push/acceptors/presence?acceptorIds=" + acceptor + "," + never, null)).get("data");
        assertThat(many.get(0).get("online").asBoolean()).isTrue();
        assertThat(many.get(0).get("epoch").asLong()).isEqualTo(monitor.epoch());
        assertThat(many.get(1).get("online").asBoolean()).isFalse();
        assertThat(many.get(1).get("epoch").asLong()).isZero();
        JsonNode page = json(send(port, "GET", "/rpc-api/push/acceptors/online?after=" + (acceptor - 1) + "&limit=1", null)).get("data");
        assertThat(page.get("acceptors").get(0).get("acceptorId").asLong()).isEqualTo(acceptor);
        StringBuilder tooMany = new StringBuilder("1");
        for (int i = 2; i <= 101; i++) {
            tooMany.append(',').append(i);
        }
        HttpResponse<String> refused = send(port, "GET", "/rpc-api/push/acceptors/presence?acceptorIds=" + tooMany, null);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused).get("code").asInt()).isEqualTo(19301);
        monitor.close();
    }

    private String sendOrderAssigned(long acceptor, String orderId, String amount) {
        return new TransactionTemplate(txManager).execute(s -> outbox.publish(PushMessages.ORDER_ASSIGNED,
                new OrderAssignedMessage(acceptor, orderId, PaymentChannel.ALIPAY, new BigDecimal(amount), "CNY",
                        Instant.now().plusSeconds(900))));
    }

    private int status(String messageId) {
        Integer s = jdbc.query("SELECT status FROM acceptor_message WHERE message_id = ?",
                rs -> rs.next() ? rs.getInt(1) : -1, messageId);
        return s == null ? -1 : s;
    }

    private boolean presenceOnline(long acceptor) {
        try {
            return presence(port, acceptor).get("online").asBoolean();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void assertRefused(MonitorCredentials creds, int status, int code) throws Exception {
        assertThatThrownBy(() -> connect(port, creds))
                .isInstanceOfSatisfying(HandshakeRefusedException.class, e -> {
                    assertThat(e.status()).isEqualTo(status);
                    assertThat(e.body()).contains("\"code\":" + code);
                });
    }

    /** An upgrade with handshake parameters the simulator would never produce; the refusal's status and body. */
    private HttpResponse<String> upgrade(long acceptor, String query) throws Exception {
        return upgrade(acceptor, query, null);
    }

    private HttpResponse<String> upgrade(long acceptor, String query, String ticket) throws Exception {
        try {
            var b = PushTestSupport.HTTP.newWebSocketBuilder().header("X-Apay-User-Id", String.valueOf(acceptor));
            if (ticket != null) {
                b.header("X-Apay-Monitor-Ticket", ticket);
            }
            java.net.http.WebSocket ws = b
                    .buildAsync(java.net.URI.create("ws://127.0.0.1:" + port + "/ws/monitor" + query),
                            new java.net.http.WebSocket.Listener() { })
                    .get(10, TimeUnit.SECONDS);
            ws.abort();
            throw new AssertionError("the upgrade was accepted");
        } catch (java.util.concurrent.ExecutionException e) {
            var refused = (java.net.http.WebSocketHandshakeException) e.getCause();
            return new RefusedUpgrade(refused.getResponse().statusCode(), String.valueOf(refused.getResponse().body()));
        }
    }

    private record RefusedUpgrade(int statusCode, String body) implements HttpResponse<String> {
        public java.net.http.HttpRequest request() { return null; }
        public java.util.Optional<HttpResponse<String>> previousResponse() { return java.util.Optional.empty(); }
        public java.net.http.HttpHeaders headers() { return null; }
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() { return java.util.Optional.empty(); }
        public java.net.URI uri() { return null; }
        public java.net.http.HttpClient.Version version() { return java.net.http.HttpClient.Version.HTTP_1_1; }
    }
}
