package io.apay.push.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MonitorSignerTest {

    /** The worked example of docs/monitor-protocol.md: a client that signs it differently will be refused. */
    @Test
    void signsTheDocumentedExample() {
        String secret = "3q2-7wQk1nR0e5pVb8Yt4sZx6cUa9dHf2gJh5kLm7n0";
        assertThat(MonitorSigner.connect(secret, 42, "md_4ftq7hmxgkn2w5c3r6yzpb8d1a", 1764151200000L))
                .isEqualTo(MonitorSigner.hmacHex(secret, "monitor.connect\n42\nmd_4ftq7hmxgkn2w5c3r6yzpb8d1a\n1764151200000"));
        assertThat(MonitorSigner.report(secret, "md_x", "n-1", "ALIPAY", "100.03", "CNY", "2025-11-26T10:00:00Z", null))
                .isEqualTo(MonitorSigner.hmacHex(secret, "payment.received\nmd_x\nn-1\nALIPAY\n100.03\nCNY\n2025-11-26T10:00:00Z\n"));
        assertThat(MonitorSigner.hmacHex("key", "The quick brown fox jumps over the lazy dog"))
                .isEqualTo("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"); // the well-known HMAC-SHA256 example
    }
}
