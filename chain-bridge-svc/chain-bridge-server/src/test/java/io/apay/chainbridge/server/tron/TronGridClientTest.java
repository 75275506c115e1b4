package io.apay.chainbridge.server.tron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;

/**
 * Receipts and broadcasts against a local server answering in the shapes of the TRON HTTP API docs
 * (tronprotocol/documentation-en docs/api/http: block-and-tx-query/gettransactioninfobyid.md,
 * tx-build-and-broadcast/broadcasthex.md and broadcasttransaction.md for the result codes).
 */
class TronGridClientTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final ECKeyPair KEY = ECKeyPair.create(
            new BigInteger("2d8f68944bdbfbc0769542fba8fc2d2a3de67393334471624364c7006da2aa54", 16));

    private StubTronNode node;
    private TronGridClient client;

    @BeforeEach
    void start() throws Exception {
        node = new StubTronNode();
        client = new TronGridClient(node.url(), null, Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void aSuccessfulCallHasASuccessReceipt() {
        // the docs' example (a real Nile contract call), data and internal transactions shortened
        node.answer("/wallet/gettransactioninfobyid", """
                {
                  "id": "01b4cde4197b9d1a1ff09ef5d2b1d939d3ec2401b3f002ebd0802c0f30a6e4ca",
                  "fee": 5254500,
                  "blockNumber": 66985120,
                  "blockTimeStamp": 1777437762000,
                  "contractResult": [""],
                  "contract_address": "419ff8fc48fb114ccd5bbdc24a86f0c73082f08825",
                  "receipt": {"energy_fee": 4458500, "energy_usage_total": 44585, "net_fee": 796000,
                              "result": "SUCCESS"},
                  "log": [{"address": "9ff8fc48fb114ccd5bbdc24a86f0c73082f08825",
                           "topics": ["c66625d03b4a832d8245f0df593e32e0fbbbad96d4aa45440aa1535b80983083"],
                           "data": "0000000000000000000000000000000000000000000000000000000000000007"}]
                }""");

        TronReceipt receipt = client.transactionInfo("01b4cde4197b9d1a1ff09ef5d2b1d939d3ec2401b3f002ebd0802c0f30a6e4ca")
                .orElseThrow();

        assertThat(receipt).isEqualTo(new TronReceipt(
                "01b4cde4197b9d1a1ff09ef5d2b1d939d3ec2401b3f002ebd0802c0f30a6e4ca", 66985120, 1777437762000L, true,
                "SUCCESS", 5254500, ""));
        assertThat(node.requests).singleElement().satisfies(request -> {
            assertThat(request.body()).contains("01b4cde4197b9d1a1ff09ef5d2b1d939d3ec2401b3f002ebd0802c0f30a6e4ca");
            assertThat(request.apiKey()).isNull();
        });
    }

    @Test
    void aRevertedCallIsInABlockButFailed() {
        String txId = "c3".repeat(32);
        node.answer("/wallet/gettransactioninfobyid", """
                {"id": "%s", "fee": 1000000, "blockNumber": 66985121, "blockTimeStamp": 1777437765000,
                 "contractResult": [""], "contract_address": "41a614f803b6fd780986a42c78ec9c7f77e6ded13c",
                 "result": "FAILED", "resMessage": "%s",
                 "receipt": {"energy_usage_total": 10000, "energy_fee": 1000000, "result": "REVERT"}}"""
                .formatted(txId, HEX.formatHex("REVERT opcode executed".getBytes())));

        TronReceipt receipt = client.transactionInfo(txId).orElseThrow();

        assertThat(receipt.success()).isFalse();
        assertThat(receipt.result()).isEqualTo("REVERT");
        assertThat(receipt.failureMessage()).isEqualTo("REVERT opcode executed");
        assertThat(receipt.blockNumber()).isEqualTo(66985121);
        assertThat(receipt.feeSun()).isEqualTo(1000000);
    }

    @Test
    void aTrxTransferWithoutReceiptResultSucceeded() {
        String txId = "d4".repeat(32);
        node.answer("/wallet/gettransactioninfobyid", """
                {"id": "%s", "fee": 267000, "blockNumber": 66987565, "blockTimeStamp": 1777445121000,
                 "contractResult": [""], "receipt": {"net_fee": 267000}}""".formatted(txId));

        assertThat(client.transactionInfo(txId)).hasValueSatisfying(receipt -> {
            assertThat(receipt.success()).isTrue();
            assertThat(receipt.result()).isEqualTo("SUCCESS");
        });
    }

    @Test
    void aTransactionInNoBlockHasNoReceiptYet() {
        node.answer("/wallet/gettransactioninfobyid", "{}");

        assertThat(client.transactionInfo("e5".repeat(32))).isEmpty();
    }

    @Test
    void aBroadcastSendsTheSignedBytesAndReportsAcceptance() {
        SignedTronTransaction signed = signedTransfer();
        node.answer("/wallet/broadcasthex", """
                {"result": true, "code": "SUCCESS", "message": "", "transaction": "{}", "txid": "%s"}"""
                .formatted(signed.txIdHex()));

        TronBroadcastResult result = client.broadcast(signed);

        assertThat(result).isEqualTo(new TronBroadcastResult(signed.txIdHex(),
                TronBroadcastResult.Outcome.ACCEPTED, "SUCCESS", ""));
        assertThat(result.inPool()).isTrue();
        assertThat(node.requests).singleElement().satisfies(request -> assertThat(request.body())
                .isEqualTo("{\"transaction\":\"" + signed.toProtobufHex() + "\"}"));
    }

    @Test
    void aRepeatedBroadcastIsADuplicateAndARefusalIsRejected() {
        SignedTronTransaction signed = signedTransfer();
        node.answer("/wallet/broadcasthex", """
                {"result": false, "code": "DUP_TRANSACTION_ERROR", "message": "Dup transaction.", "txid": "%s"}"""
                .formatted(signed.txIdHex()));
        assertThat(client.broadcast(signed).outcome()).isEqualTo(TronBroadcastResult.Outcome.DUPLICATE);

        node.answer("/wallet/broadcasthex", """
                {"result": false, "code": "SIGERROR", "message": "validateSignature error", "txid": "%s"}"""
                .formatted(signed.txIdHex()));
        TronBroadcastResult refused = client.broadcast(signed);
        assertThat(refused.outcome()).isEqualTo(TronBroadcastResult.Outcome.REJECTED);
        assertThat(refused.inPool()).isFalse();
        assertThat(refused.code()).isEqualTo("SIGERROR");
        assertThat(refused.message()).isEqualTo("validateSignature error");
    }

    @Test
    void aBusyNodeIsARetryableFailure() {
        SignedTronTransaction signed = signedTransfer();
        node.answer("/wallet/broadcasthex", """
                {"result": false, "code": "SERVER_BUSY", "message": "Server busy.", "txid": "%s"}"""
                .formatted(signed.txIdHex()));

        assertThatThrownBy(() -> client.broadcast(signed)).isInstanceOf(TronNodeUnavailableException.class);
    }

    @Test
    void aNodeThatHashedOtherBytesIsRefused() {
        node.answer("/wallet/broadcasthex", """
                {"result": true, "code": "SUCCESS", "txid": "%s"}""".formatted("ff".repeat(32)));

        assertThatThrownBy(() -> client.broadcast(signedTransfer())).isInstanceOf(TronNodeResponseException.class)
                .hasMessageContaining("ff".repeat(32));
    }

    @Test
    void rateLimitsAndServerErrorsAreRetryableClientErrorsAndErrorBodiesAreNot() {
        node.answer("/wallet/getnowblock", 429, "{\"Error\": \"rate limited\"}");
        assertThatThrownBy(() -> client.nowBlock()).isInstanceOf(TronNodeUnavailableException.class);

        node.answer("/wallet/getnowblock", 503, "Service Unavailable");
        assertThatThrownBy(() -> client.nowBlock()).isInstanceOfSatisfying(TronNodeUnavailableException.class,
                e -> assertThat(e.clientMessage()).doesNotContain("getnowblock"));

        node.answer("/wallet/getnowblock", 401, "{}");
        assertThatThrownBy(() -> client.nowBlock()).isInstanceOf(TronNodeResponseException.class)
                .hasMessageContaining("HTTP 401");

        node.answer("/wallet/getnowblock", "{\"Error\": \"class java.lang.NullPointerException : null\"}");
        assertThatThrownBy(() -> client.nowBlock()).isInstanceOf(TronNodeResponseException.class)
                .hasMessageContaining("NullPointerException");

        node.answer("/wallet/getnowblock", "not json");
        assertThatThrownBy(() -> client.nowBlock()).isInstanceOf(TronNodeResponseException.class);
    }

    @Test
    void aNodeThatCannotBeReachedIsARetryableFailure() {
        java.net.URI gone = node.url();
        node.close();
        TronGridClient unreachable = new TronGridClient(gone, null, Duration.ofSeconds(2));

        assertThatThrownBy(unreachable::nowBlock).isInstanceOf(TronNodeUnavailableException.class);
    }

    private static SignedTronTransaction signedTransfer() {
        return TronTransaction.trc20Transfer(TronAddress.parse("TJRyWwFs9wTFGZg3JbrVriFbNfCug5tDeC"),
                TronAddress.parse("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"),
                TronAddress.parse("THTR75o8xXAgCTQqpiot2AFRAjvW1tSbVV"), BigInteger.valueOf(1_000_000),
                30_000_000L,
                new TronTxValidity(TronBlockRef.of("262d", "52bfa4b2814f816f"), 1777445122500L, 1777445181000L))
                .sign(KEY);
    }
}
