package io.apay.chainbridge.server.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apay.chainbridge.server.chain.evm.EvmChainAdapter;
import io.apay.chainbridge.server.config.ChainProperties;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.Keys;

class ExtendedPublicKeyTest {

    private final EvmChainAdapter evm = new EvmChainAdapter("TEST", new ChainProperties.Network(), null);

    /** BIP-32 test vector 1: public derivation of the non-hardened steps (m/0H -> m/0H/1; m/0H/1/2H -> .../2 -> .../1000000000). */
    @Test
    void matchesBip32TestVector1() {
        ExtendedPublicKey m0h = ExtendedPublicKey.parse(
                "xpub68Gmy5EdvgibQVfPdqkBBCHxA5htiqg55crXYuXoQRKfDBFA1WEjWgP6LHhwBZeNK1VTsfTFUHCdrfp1bgwQ9xv5ski8PX9rL2dZXvgGDnw");
        assertThat(m0h.derive(1).toBase58()).isEqualTo(
                "xpub6ASuArnXKPbfEwhqN6e3mwBcDTgzisQN1wXN9BJcM47sSikHjJf3UFHKkNAWbWMiGj7Wf5uMash7SyYq527Hqck2AxYysAA7xmALppuCkwQ");
        ExtendedPublicKey m0h12h = ExtendedPublicKey.parse(
                "xpub6D4BDPcP2GT577Vvch3R8wDkScZWzQzMMUm3PWbmWvVJrZwQY4VUNgqFJPMM3No2dFDFGTsxxpG5uJh7n7epu4trkrX7x7DogT5Uv6fcLW5");
        assertThat(m0h12h.derive(2).toBase58()).isEqualTo(
                "xpub6FHa3pjLCk84BayeJxFW2SP4XRrFd1JYnxeLeU8EqN3vDfZmbqBqaGJAyiLjTAwm6ZLRQUMv1ZACTj37sR62cfN7fe5JnJ7dh8zL4fiyLHV");
        assertThat(m0h12h.derivePath("2/1000000000").toBase58()).isEqualTo(
                "xpub6H1LXWLaKsWFhvm6RVpEL9P4KfRZSW7abD2ttkWP3SSQvnyA8FSVqNTEcYFgJS2UaFcxupHiYkro49S8yGasTvXEYBVPamhGW6cFJodrTHy");
    }

    /** BIP-32 test vector 2: m -> m/0, and m/0/2147483647H/1/2147483646H -> .../2. */
    @Test
    void matchesBip32TestVector2() {
        ExtendedPublicKey m = ExtendedPublicKey.parse(
                "xpub661MyMwAqRbcFW31YEwpkMuc5THy2PSt5bDMsktWQcFF8syAmRUapSCGu8ED9W6oDMSgv6Zz8idoc4a6mr8BDzTJY47LJhkJ8UB7WEGuduB");
        assertThat(m.derive(0).toBase58()).isEqualTo(
                "xpub69H7F5d8KSRgmmdJg2KhpAK8SR3DjMwAdkxj3ZuxV27CprR9LgpeyGmXUbC6wb7ERfvrnKZjXoUmmDznezpbZb7ap6r1D3tgFxHmwMkQTPH");
        ExtendedPublicKey deep = ExtendedPublicKey.parse(
                "xpub6ERApfZwUNrhLCkDtcHTcxd75RbzS1ed54G1LkBUHQVHQKqhMkhgbmJbZRkrgZw4koxb5JaHWkY4ALHY2grBGRjaDMzQLcgJvLJuZZvRcEL");
        assertThat(deep.derive(2).toBase58()).isEqualTo(
                "xpub6FnCn6nSzZAw5Tw7cgR9bi15UV96gLZhjDstkXXxvCLsUXBGXPdSnLFbdpq8p9HmGsApME5hQTZ3emM2rnY5agb9rXpVGyy3bdW6EEgAtqt");
    }

    /** The hardhat node's accounts are m/44'/60'/0'/0/i of its mnemonic: CKDpub from the account xpub gives them. */
    @Test
    void derivesTheHardhatAccountsFromTheAccountXpub() {
        Bip32ECKeyPair account = TestKeys.evmAccount();
        ExtendedPublicKey xpub = ExtendedPublicKey.parse(TestKeys.xpub(account).toBase58());
        List<String> hardhat = List.of("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
                "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
                "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65");
        for (int i = 0; i < hardhat.size(); i++) {
            assertThat(evm.deriveAddress(xpub, "0/" + i)).as("account " + i).isEqualTo(hardhat.get(i));
            // and the same as web3j's private derivation
            Bip32ECKeyPair priv = Bip32ECKeyPair.deriveKeyPair(account, new int[] {0, i});
            assertThat(evm.deriveAddress(xpub, "0/" + i)).isEqualTo(Keys.toChecksumAddress(Keys.getAddress(priv)));
        }
    }

    @Test
    void refusesHardenedChildrenAndBadXpubs() {
        ExtendedPublicKey xpub = TestKeys.xpub(TestKeys.evmAccount());
        assertThatThrownBy(() -> xpub.derive(0x80000000)).isInstanceOf(IllegalArgumentException.class);
        String good = xpub.toBase58();
        String typo = good.substring(0, 20) + (good.charAt(20) == 'a' ? 'b' : 'a') + good.substring(21);
        assertThatThrownBy(() -> ExtendedPublicKey.parse(typo)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExtendedPublicKey.parse(TestKeys.xprv(TestKeys.evmAccount()))).isInstanceOf(IllegalArgumentException.class);
    }
}
