package io.apay.sms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.apay.sms.server.config.SmsProperties;
import io.apay.sms.server.provider.AliyunSmsProvider;
import io.apay.sms.server.provider.SmsMessage;
import io.apay.sms.server.provider.SmsSendException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Aliyun adapter against a local stand-in for dysmsapi.aliyuncs.com: what it sends, how it reads answers. */
class AliyunSmsProviderTest {

    HttpServer stub;
    final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    volatile String answer;

    @BeforeEach
    void start() throws Exception {
        stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/", exchange -> {
            Map<String, String> params = new HashMap<>();
            String query = exchange.getRequestURI().getRawQuery();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            for (String part : ((query == null ? "" : query) + "&" + body).split("&")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    params.put(URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            exchange.getRequestHeaders().forEach((k, v) -> params.put("header:" + k.toLowerCase(), String.join(",", v)));
            requests.add(params);
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        stub.start();
    }

    @AfterEach
    void stop() {
        stub.stop(0);
    }

    AliyunSmsProvider provider() {
        SmsProperties.Aliyun settings = new SmsProperties.Aliyun();
        settings.setAccessKeyId("test-key-id");
        settings.setAccessKeySecret("test-key-secret");
        settings.setSignName("apay");
        settings.setEndpoint("127.0.0.1:" + stub.getAddress().getPort());
        settings.setProtocol("http");
        return new AliyunSmsProvider(settings);
    }

    @Test
    void sendsTheTemplateWithTheCodeAsASignedRequest() {
        answer = "{\"Code\":\"OK\",\"Message\":\"OK\",\"BizId\":\"1\",\"RequestId\":\"r1\"}";
        provider().send(new SmsMessage("+8613800000000", "SMS_APAY_LOGIN", Map.of("code", "123456", "minutes", "5"), "text"));
        assertThat(requests).hasSize(1);
        Map<String, String> sent = requests.get(0);
        assertThat(sent).containsEntry("header:x-acs-action", "SendSms").containsEntry("PhoneNumbers", "13800000000")
                .containsEntry("SignName", "apay").containsEntry("TemplateCode", "SMS_APAY_LOGIN")
                .containsEntry("TemplateParam", "{\"code\":\"123456\",\"minutes\":\"5\"}");
        // signed (Aliyun's ACS3-HMAC-SHA256), and the secret itself never sent
        assertThat(sent.get("header:authorization")).startsWith("ACS3-HMAC-SHA256 Credential=test-key-id,");
        assertThat(sent.toString()).doesNotContain("test-key-secret");
    }

    @Test
    void aRefusalBecomesASendFailure() {
        answer = "{\"Code\":\"isv.BUSINESS_LIMIT_CONTROL\",\"Message\":\"limit\",\"RequestId\":\"r2\"}";
        assertThatThrownBy(() -> provider().send(new SmsMessage("+8613800000000", "SMS_APAY_LOGIN", Map.of("code", "1"), "t")))
                .isInstanceOf(SmsSendException.class).hasMessageContaining("BUSINESS_LIMIT_CONTROL");
    }

    @Test
    void missingCredentialsStopTheServiceAtStartUp() {
        assertThatThrownBy(() -> new AliyunSmsProvider(new SmsProperties.Aliyun())).isInstanceOf(IllegalStateException.class);
    }
}
