package io.apay.chainbridge.server.chain.evm;

import static org.assertj.core.api.Assertions.assertThat;

import io.apay.chainbridge.server.config.ChainProperties;
import org.junit.jupiter.api.Test;

/** EIP-55 checksum validation of EVM addresses. */
class EvmAddressTest {

    private final EvmChainAdapter evm = new EvmChainAdapter("TEST", new ChainProperties.Network(), null);

    @Test
    void aValidChecksummedAddressIsItsOwnCanonicalForm() {
        assertThat(evm.canonicalAddress("0x70997970C51812dc3A010C7d01b50e0d17dc79C8")).hasValue("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
        // the EIP-55 specification's own examples
        assertThat(evm.canonicalAddress("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")).isPresent();
        assertThat(evm.canonicalAddress("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359")).isPresent();
    }

    @Test
    void uniformCaseIsUncheckedAndCanonicalized() {
        assertThat(evm.canonicalAddress("0x70997970c51812dc3a010c7d01b50e0d17dc79c8")).hasValue("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
        assertThat(evm.canonicalAddress("0x70997970C51812DC3A010C7D01B50E0D17DC79C8")).hasValue("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    }

    @Test
    void mixedCaseThatBreaksTheChecksumIsInvalid() {
        assertThat(evm.canonicalAddress("0x70997970c51812dc3A010C7d01b50e0d17dc79C8")).isEmpty();
        assertThat(evm.canonicalAddress("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD")).isEmpty();
    }

    @Test
    void wrongLengthOrNonHexOrNoPrefixIsInvalid() {
        assertThat(evm.canonicalAddress("0x70997970C51812dc3A010C7d01b50e0d17dc79C")).isEmpty();
        assertThat(evm.canonicalAddress("0x70997970C51812dc3A010C7d01b50e0d17dc79C8a")).isEmpty();
        assertThat(evm.canonicalAddress("0x70997970C51812dc3A010C7d01b50e0d17dc79CZ")).isEmpty();
        assertThat(evm.canonicalAddress("70997970C51812dc3A010C7d01b50e0d17dc79C8")).isEmpty();
        assertThat(evm.canonicalAddress("TJCnKsPa7y5okkXvQAidZBzqx3QyQ6sxMW")).isEmpty(); // a TRON address
        assertThat(evm.canonicalAddress(null)).isEmpty();
    }
}
