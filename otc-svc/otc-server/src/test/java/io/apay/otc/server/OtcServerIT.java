package io.apay.otc.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.common.test.ServiceBootContract;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import io.apay.otc.server.service.PaymentReports;
import io.apay.push.api.event.PaymentReceivedEvent;
import io.apay.push.api.message.PaymentChannel;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

@ApayIntegrationTest
class OtcServerIT extends ServiceBootContract {

    static final SecureRandom RANDOM = new SecureRandom();

    @Autowired JdbcTemplate jdbc;
    @Autowired PaymentReports paymentReports;

    /** The cashier token is the buyer's only key to the page: the database compares it byte for byte, case included. */
    @Test
    void aCashierTokenWithItsCaseChangedFindsNoOrder() throws Exception {
        String token = cashierToken();
        String no = "P-CASE-" + ThreadLocalRandom.current().nextLong(1_000_000_000L);
        jdbc.update("INSERT INTO payment_order (order_no, cashier_token, merchant_no, merchant_order_no, ad_id, acceptor_id, channel,"
                + " fiat_currency, fiat_amount, payable_amount, coin, coin_amount, rate, status, notify_url, expires_at, created_at, updated_at)"
                + " VALUES (?, ?, 'M1', ?, 1, 7, 'ALIPAY', 'CNY', 100, 100.01, 'USDT', 13.9, 7.2, 'CREATED', 'http://x',"
                + " UTC_TIMESTAMP(3) + INTERVAL 15 MINUTE, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))", no, token, "MO-" + no);

        HttpResponse<String> found = get("/cashier/api/orders/" + token);
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        assertThat(mapper.readTree(found.body()).at("/data/orderNo").asText()).isEqualTo(no);

        for (String other : List.of(swapCase(token), token.toUpperCase(), token.toLowerCase())) {
            assertThat(other).isNotEqualTo(token);
            HttpResponse<String> r = get("/cashier/api/orders/" + other);
            assertThat(r.statusCode()).as(other + " " + r.body()).isEqualTo(404);
            assertThat(mapper.readTree(r.body()).get("code").asInt()).isEqualTo(16001);
            assertThat(r.body()).doesNotContain(no);
        }
    }

    /** A free-text field (here the acceptor's display name) refuses control and bidi characters; nothing is stored. */
    @Test
    void aDisplayNameWithControlOrBidiCharactersIsRefusedWith10050AndNothingIsStored() throws Exception {
        long user = ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000_000L);
        for (String name : List.of("Amy\u202Egnp.exe", "Amy\u0000", "\u001b[31mAmy")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/app-api/otc/acceptor/apply"))
                    .header("Content-Type", "application/json").header("X-Apay-User-Id", Long.toString(user))
                    .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(Map.of("displayName", name))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            JsonNode body = mapper.readTree(r.body());
            assertThat(body.get("code").asInt()).isEqualTo(10050);
            assertThat(body.at("/data/errors/0/field").asText()).isEqualTo("displayName");
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM acceptor WHERE user_id = ?", Integer.class, user)).isZero();
    }

    /**
     * A payment report's remark is the buyer's text, shown to operators: kept (it is real money), with control and
     * bidi characters replaced by U+FFFD, and cut to the column's 128 characters between code points, never inside
     * a surrogate pair.
     */
    @Test
    void aPaymentReportsRemarkIsStoredSanitisedAndCutBetweenCodePoints() {
        long acceptor = ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000_000L);
        String reportId = UUID.randomUUID().toString();
        String remark = "\u202E" + "a".repeat(126) + "😀😀"; // 129 code points: the cut falls inside the second emoji's pair
        paymentReports.onPaymentReceived(new PaymentReceivedEvent(reportId, acceptor, "md_remark", "n-" + reportId,
                PaymentChannel.ALIPAY, new BigDecimal("100.03"), "CNY", remark, Instant.now(), Instant.now(), 1));
        assertThat(jdbc.queryForObject("SELECT payer_remark FROM payment_report WHERE report_id = ?", String.class, reportId))
                .isEqualTo("\uFFFD" + "a".repeat(126) + "😀");
    }

    /** Like otc-svc's own tokens (24 random bytes, base64url), with at least one lower- and one upper-case letter. */
    static String cashierToken() {
        while (true) {
            byte[] b = new byte[24];
            RANDOM.nextBytes(b);
            String t = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
            if (!t.equals(t.toUpperCase()) && !t.equals(t.toLowerCase())) {
                return t;
            }
        }
    }

    static String swapCase(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            out.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return out.toString();
    }
}
