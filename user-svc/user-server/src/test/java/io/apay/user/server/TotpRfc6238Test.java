package io.apay.user.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import java.nio.charset.StandardCharsets;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The test vectors of RFC 6238 appendix B (8 digits, 30 s steps), for the generator user-svc uses. */
class TotpRfc6238Test {

    static final String SEED_SHA1 = "12345678901234567890";
    static final String SEED_SHA256 = "12345678901234567890123456789012";
    static final String SEED_SHA512 = "1234567890123456789012345678901234567890123456789012345678901234";

    @ParameterizedTest(name = "T={0} {2}")
    @CsvSource({
            "59,          94287082, SHA1",
            "59,          46119246, SHA256",
            "59,          90693936, SHA512",
            "1111111109,  07081804, SHA1",
            "1111111109,  68084774, SHA256",
            "1111111109,  25091201, SHA512",
            "1111111111,  14050471, SHA1",
            "1111111111,  67062674, SHA256",
            "1111111111,  99943326, SHA512",
            "1234567890,  89005924, SHA1",
            "1234567890,  91819424, SHA256",
            "1234567890,  93441116, SHA512",
            "2000000000,  69279037, SHA1",
            "2000000000,  90698825, SHA256",
            "2000000000,  38618901, SHA512",
            "20000000000, 65353130, SHA1",
            "20000000000, 77737706, SHA256",
            "20000000000, 47863826, SHA512"})
    void rfc6238Vectors(long time, String expected, HashingAlgorithm algorithm) throws Exception {
        String seed = switch (algorithm) {
            case SHA1 -> SEED_SHA1;
            case SHA256 -> SEED_SHA256;
            case SHA512 -> SEED_SHA512;
        };
        String base32Seed = new Base32().encodeToString(seed.getBytes(StandardCharsets.US_ASCII));
        assertThat(new DefaultCodeGenerator(algorithm, 8).generate(base32Seed, time / 30)).isEqualTo(expected);
    }
}
