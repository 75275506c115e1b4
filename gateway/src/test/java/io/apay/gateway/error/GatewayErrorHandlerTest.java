package io.apay.gateway.error;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

class GatewayErrorHandlerTest {

    final ObjectMapper mapper = new ObjectMapper();
    final GatewayErrorHandler handler = new GatewayErrorHandler(mapper);

    JsonNode describe(Throwable ex, int expectedStatus) throws Exception {
        GatewayErrorHandler.ErrorReply reply = handler.describe(MockServerWebExchange.from(MockServerHttpRequest.post("/merchant-api/orders")), ex);
        assertThat(reply.status()).isEqualTo(expectedStatus);
        return mapper.readTree(reply.body());
    }

    @Test
    void aServiceThatCannotBeReachedIsUnavailable() throws Exception {
        assertThat(describe(new RuntimeException(new ConnectException("Connection refused")), 503).get("code").asInt()).isEqualTo(10503);
    }

    @Test
    void aSlowServiceIsAnUpstreamTimeout() throws Exception {
        assertThat(describe(new RuntimeException(new TimeoutException()), 504).get("code").asInt()).isEqualTo(10504);
    }

    @Test
    void aConnectionTheServiceResetAfterTheRequestWentOutIsAnUnknownOutcomeNotAnInternalError() throws Exception {
        JsonNode body = describe(new IOException("recvAddress(..) failed with error(-104): Connection reset by peer"), 504);
        assertThat(body.get("code").asInt()).isEqualTo(10504);
        assertThat(body.toString()).doesNotContain("reset").doesNotContain("IOException");
    }

    @Test
    void anythingElseIsAGenericInternalErrorWithoutItsText() throws Exception {
        JsonNode body = describe(new IllegalStateException("secret detail in com.example.Thing"), 500);
        assertThat(body.get("code").asInt()).isEqualTo(10500);
        assertThat(body.toString()).doesNotContain("secret detail").doesNotContain("IllegalStateException");
    }

    @Test
    void theCashierTokenInAPathIsLoggedMasked() {
        var logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(GatewayErrorHandler.class);
        var lines = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        lines.start();
        logger.addAppender(lines);
        try {
            var exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/cashier/api/orders/Zq8CashierSecret"));
            handler.describe(exchange, new RuntimeException(new TimeoutException()));
            handler.describe(exchange, new RuntimeException(new ConnectException("Connection refused")));
            handler.describe(exchange, new IllegalStateException("boom"));
        } finally {
            logger.detachAppender(lines);
        }
        assertThat(lines.list).hasSize(3).allSatisfy(e -> assertThat(e.getFormattedMessage())
                .contains("/cashier/api/orders/****").doesNotContain("Zq8CashierSecret"));
    }
}
