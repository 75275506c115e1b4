package io.apay.push.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MonitorSignerTest {

    static final String SECRET = "3q2-7wQk1nR0e5pVb8Yt4sZx6cUa9dHf2gJh5kLm7n0";
    static final String DEVICE = "md_4ftq7hmxgkn2w5c3r6yzpb8d1a";

    /** The worked example of docs/monitor-protocol.md (values computed there with Python's hmac module). */
    @Test
    void signsTheDocumentedExamples() {
        assertThat(MonitorSigner.connect(SECRET, 42, DEVICE, 1764151200000L))
                .isEqualTo("4ddbc3715f71ea8323793ec60377bbc8b8ddcb21e0394027bae6fd40eff313d6");
        assertThat(MonitorSigner.report(SECRET, DEVICE, "n-1001", "ALIPAY", "100.03", "CNY", "2025-11-26T10:15:30.120Z", "张三 order 7"))
                .isEqualTo("550ca5a11007b2cef57eb29764009c87ee7420e15ef33f129bc113f30aadd14d");
    }

    @Test
    void aMissingRemarkSignsAsEmptyAndHmacIsStandard() {
        assertThat(MonitorSigner.report(SECRET, "md_x", "n-1", "ALIPAY", "100.03", "CNY", "2025-11-26T10:00:00Z", null))
                .isEqualTo(MonitorSigner.hmacHex(SECRET, "payment.received\nmd_x\nn-1\nALIPAY\n100.03\nCNY\n2025-11-26T10:00:00Z\n"));
        assertThat(MonitorSigner.hmacHex("key", "The quick brown fox jumps over the lazy dog"))
                .isEqualTo("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"); // the well-known HMAC-SHA256 example
    }
}
