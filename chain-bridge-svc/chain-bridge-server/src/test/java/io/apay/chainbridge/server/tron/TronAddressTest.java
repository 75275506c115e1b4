package io.apay.chainbridge.server.tron;

import io.apay.chainbridge.server.chain.Base58;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apay.common.core.error.ServiceException;
import java.math.BigInteger;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.MnemonicUtils;

class TronAddressTest {

    private static final HexFormat HEX = HexFormat.of();

    // Trust Wallet Core, tests/chains/Tron/AddressTests.cpp (TronAddress.FromPublicKey): private key -> address
    @ParameterizedTest
    @CsvSource({
            "2d8f68944bdbfbc0769542fba8fc2d2a3de67393334471624364c7006da2aa54, TJRyWwFs9wTFGZg3JbrVriFbNfCug5tDeC",
            "BE88DF1D0BF30A923CB39C3BB953178BAAF3726E8D3CE81E7C8462E046E0D835, THRF3GuPnvvPzKoaT8pJex5XHmo8NNbCb3"})
    void theAddressOfAPublicKeyIsThePublishedOne(String privateKeyHex, String expected) {
        ECKeyPair keyPair = ECKeyPair.create(new BigInteger(privateKeyHex, 16));

        assertThat(TronAddress.fromPublicKey(keyPair.getPublicKey()).base58()).isEqualTo(expected);
    }

    @Test
    void compressedUncompressedAndBareKeysGiveTheSameAddress() {
        // the Trust Wallet key above; BIP-32 hands out compressed child keys, web3j the bare 64 bytes
        ECKeyPair keyPair = ECKeyPair.create(
                new BigInteger("2d8f68944bdbfbc0769542fba8fc2d2a3de67393334471624364c7006da2aa54", 16));
        var point = org.web3j.crypto.Sign.publicPointFromPrivate(keyPair.getPrivateKey());

        assertThat(TronAddress.fromPublicKey(point.getEncoded(true)).base58())
                .isEqualTo("TJRyWwFs9wTFGZg3JbrVriFbNfCug5tDeC");
        assertThat(TronAddress.fromPublicKey(point.getEncoded(false)).base58())
                .isEqualTo("TJRyWwFs9wTFGZg3JbrVriFbNfCug5tDeC");
    }

    // Trust Wallet Core, tests/chains/Tron/TransactionCompilerTests.cpp: the same addresses in the JSON the node
    // reads (owner_address / to_address, hex form)
    @ParameterizedTest
    @CsvSource({
            "TJRyWwFs9wTFGZg3JbrVriFbNfCug5tDeC, 415cd0fb0ab3ce40f3051414c604b27756e69e43db",
            "THTR75o8xXAgCTQqpiot2AFRAjvW1tSbVV, 41521ea197907927725ef36d70f25f850d1659c7c7"})
    void base58AndHexFormsAreTheSameAddress(String base58, String hex) {
        TronAddress fromBase58 = TronAddress.parse(base58);
        TronAddress fromHex = TronAddress.parse(hex);

        assertThat(fromBase58).isEqualTo(fromHex);
        assertThat(fromBase58.hex()).isEqualTo(hex);
        assertThat(fromHex.base58()).isEqualTo(base58);
        assertThat(TronAddress.parse("0x" + hex.toUpperCase())).isEqualTo(fromBase58);
        assertThat(TronAddress.fromEvmBytes(fromBase58.evmBytes())).isEqualTo(fromBase58);
    }

    // bip_utils, tests/bip/bip44/test_bip44.py, the Tron entry (addresses cross-checked there with TronLink and Trust
    // Wallet): seed 5eb00bbd... is BIP-39 "abandon x11 about" with an empty passphrase, path m/44'/195'/0'/0/i.
    // The child key is derived privately here; the address is taken from its public key only, as the integrator's
    // CKDpub will hand it over.
    @ParameterizedTest
    @CsvSource({
            "0, TUEZSdKsoDHQMeZwihtdoBiN46zxhGWYdH",
            "1, TSeJkUh4Qv67VNFwY8LaAxERygNdy6NQZK",
            "2, TYJPRrdB5APNeRs4R7fYZSwW3TcrTKw2gx",
            "3, TRhVWK5XEDkQBDevcdCWW7RW51aRncty4W",
            "4, TT2X2yyubp7qpAWYYNE5JQWBtoZ7ikQFsY"})
    void bip44CoinType195DerivesThePublishedAddresses(int index, String expected) {
        byte[] seed = MnemonicUtils.generateSeed(
                "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about", "");
        assertThat(HEX.formatHex(seed)).isEqualTo("5eb00bbddcf069084889a8ab9155568165f5c453ccb85e70811aaed6f6da5fc1"
                + "9a5ac40b389cd370d086206dec8aa6c43daea6690f20ad3d8d48b2d2ce9e38e4");
        Bip32ECKeyPair master = Bip32ECKeyPair.generateKeyPair(seed);
        int hardened = Bip32ECKeyPair.HARDENED_BIT;
        Bip32ECKeyPair child = Bip32ECKeyPair.deriveKeyPair(master,
                new int[] {44 | hardened, 195 | hardened, hardened, 0, index});

        byte[] compressedChildPublicKey = child.getPublicKeyPoint().getEncoded(true);

        assertThat(TronAddress.fromPublicKey(compressedChildPublicKey).base58()).isEqualTo(expected);
    }

    // Trust Wallet Core, tests/common/CoinAddressValidationTests.cpp (validateAddressTron) and AddressTests.cpp
    @Test
    void publishedValidAddressesAreValid() {
        assertThat(TronAddress.isValid("TQLCsShbQNXMTVCjprY64qZmEA4rBarpQp")).isTrue();
        assertThat(TronAddress.isValid("TJRyWwFs9wTFGZg3JbrVriFbNfCug5tDeC")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "175tWpb8K1S7NmH4Zx6rewF9WQrcZv245W",
            "2MegQ6oqSda2tTagdEzBA", "XQLCsShbQNXMTVCjprY64qZmEA4rBarpQp", ""})
    void publishedInvalidAddressesAreRejectedWithTheAddressCode(String text) {
        assertThat(TronAddress.isValid(text)).isFalse();
        assertThatThrownBy(() -> TronAddress.parse(text))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo(17003);
                    assertThat(e.httpStatus()).isEqualTo(400);
                });
    }

    @Test
    void eachFailureSaysWhatIsWrong() {
        // one character changed in a valid address: the checksum catches it
        assertThatThrownBy(() -> TronAddress.parse("TJRyWwFs9wTFGZg3JbrVriFbNfCug5tDeD"))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.clientMessage()).contains("checksum"));
        // right length and checksum, another first byte
        byte[] otherPrefix = TronAddress.parse("TJRyWwFs9wTFGZg3JbrVriFbNfCug5tDeC").bytes();
        otherPrefix[0] = 0x42;
        String wrongPrefix = Base58.encodeChecked(otherPrefix);
        assertThat(wrongPrefix).hasSize(34);
        assertThatThrownBy(() -> TronAddress.parse(wrongPrefix))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.clientMessage()).contains("0x41"));
        // 0 is not in the Base58 alphabet
        assertThatThrownBy(() -> TronAddress.parse("TJRyWwFs9wTFGZg3JbrVriFbNfCug5tDe0"))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.clientMessage()).contains("alphabet"));
        // hex of the right length with another first byte
        assertThatThrownBy(() -> TronAddress.parse("425cd0fb0ab3ce40f3051414c604b27756e69e43db"))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.clientMessage()).contains("0x41"));
        assertThatThrownBy(() -> TronAddress.parse("TJRyWwFs9wTFGZg3"))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.clientMessage()).contains("34"));
    }

    @Test
    void aKeyOfAnotherLengthIsAProgrammingError() {
        assertThatThrownBy(() -> TronAddress.fromPublicKey(new byte[20]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
