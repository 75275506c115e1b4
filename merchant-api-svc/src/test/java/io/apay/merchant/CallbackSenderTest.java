package io.apay.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import io.apay.merchant.service.callback.CallbackProperties;
import io.apay.merchant.service.callback.CallbackSender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A merchant's notify URL can't make the platform call into its own network (production: private targets off). */
class CallbackSenderTest {

    final CallbackSender sender = new CallbackSender(new CallbackProperties());

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8103/rpc-api/ledger/transfers", "http://localhost/", "http://10.0.0.5/notify",
            "http://172.16.3.4/", "http://192.168.1.10/", "http://169.254.169.254/latest/meta-data/", "http://[::1]/",
            "http://[fd12:3456::1]/", "http://[fe80::1]/", "http://100.64.0.7/", "http://0.0.0.0:8080/", "http://224.0.0.1/"})
    void internalAddressesAreRefusedWithoutAConnection(String notifyUrl) {
        CallbackSender.Outcome outcome = sender.send(notifyUrl, "{}", "sig", "fp");
        assertThat(outcome.acknowledged()).isFalse();
        assertThat(outcome.httpStatus()).isNull();
        assertThat(outcome.error()).isEqualTo("notify URL points at a private address");
    }

    @Test
    void aPublicAddressIsTried() {
        // 203.0.113.0/24 is public (a documentation range): the attempt goes out; whatever answers (nothing, or this
        // machine's egress filter), it is not refused as private
        CallbackSender.Outcome outcome = sender.send("http://203.0.113.9:9/notify", "{}", "sig", "fp");
        assertThat(outcome.acknowledged()).isFalse();
        assertThat(outcome.httpStatus() != null || outcome.error() != null).isTrue();
        assertThat(outcome.error()).isNotEqualTo("notify URL points at a private address");
    }
}
