package io.apay.push.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.apay.push.server.service.device.MonitorSignatures;
import org.junit.jupiter.api.Test;

/** The server verifies exactly the signatures of the worked example in docs/monitor-protocol.md. */
class MonitorSignaturesTest {

    static final String SECRET = "3q2-7wQk1nR0e5pVb8Yt4sZx6cUa9dHf2gJh5kLm7n0";
    static final String DEVICE = "md_4ftq7hmxgkn2w5c3r6yzpb8d1a";

    @Test
    void verifiesTheDocumentedExamplesAndNothingElse() {
        String connect = MonitorSignatures.connectText(42, DEVICE, "1764151200000");
        assertThat(MonitorSignatures.verify(SECRET, connect, "4ddbc3715f71ea8323793ec60377bbc8b8ddcb21e0394027bae6fd40eff313d6")).isTrue();
        assertThat(MonitorSignatures.verify(SECRET, connect, "4DDBC3715F71EA8323793EC60377BBC8B8DDCB21E0394027BAE6FD40EFF313D6")).isTrue();
        assertThat(MonitorSignatures.verify(SECRET, MonitorSignatures.connectText(43, DEVICE, "1764151200000"),
                "4ddbc3715f71ea8323793ec60377bbc8b8ddcb21e0394027bae6fd40eff313d6")).isFalse();

        String report = MonitorSignatures.reportText(DEVICE, "n-1001", "ALIPAY", "100.03", "CNY", "2025-11-26T10:15:30.120Z", "张三 order 7");
        assertThat(MonitorSignatures.verify(SECRET, report, "550ca5a11007b2cef57eb29764009c87ee7420e15ef33f129bc113f30aadd14d")).isTrue();
        String otherAmount = MonitorSignatures.reportText(DEVICE, "n-1001", "ALIPAY", "100.030", "CNY", "2025-11-26T10:15:30.120Z", "张三 order 7");
        assertThat(MonitorSignatures.verify(SECRET, otherAmount, "550ca5a11007b2cef57eb29764009c87ee7420e15ef33f129bc113f30aadd14d")).isFalse();
        assertThat(MonitorSignatures.verify(SECRET, report, null)).isFalse();
    }
}
