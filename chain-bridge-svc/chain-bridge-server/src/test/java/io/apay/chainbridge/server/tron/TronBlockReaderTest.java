package io.apay.chainbridge.server.tron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reader against a local server answering in the shapes of the TRON HTTP API docs
 * (tronprotocol/documentation-en docs/api/http/block-and-tx-query: getnowblock, getblockbynum,
 * gettransactioninfobyblocknum, gettransactioninfobyid; the log shape {address, topics[], data} and receipt.result).
 */
class TronBlockReaderTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final TronAddress USDT = TronAddress.parse("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t");
    private static final TronAddress OTHER_TOKEN = TronAddress.parse("41eca9bc828a3005b9a3b909f2cc5c2a54794de05f");
    private static final TronAddress WATCHED = TronAddress.parse("TJRyWwFs9wTFGZg3JbrVriFbNfCug5tDeC");
    private static final TronAddress SENDER = TronAddress.parse("THTR75o8xXAgCTQqpiot2AFRAjvW1tSbVV");
    private static final TronAddress STRANGER = TronAddress.parse("TQLCsShbQNXMTVCjprY64qZmEA4rBarpQp");
    private static final String TRANSFER_TOPIC = "ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";

    private static final long BLOCK = 66987565;
    private static final String BLOCK_ID = "0000000003fe262d52bfa4b2814f816fd2e57af5b98a33d60d8630a03a908e0e";
    private static final String PARENT = "0000000003fe262c85cd6b02033f4c3e5c1efa35de256a17bd906dc61fb1aeed";
    private static final String TX_TO_WATCHED = "a1".repeat(32);
    private static final String TX_TO_STRANGER = "b2".repeat(32);
    private static final String TX_REVERTED = "c3".repeat(32);
    private static final String TX_TRX = "d4".repeat(32);
    private static final String TX_ZERO = "e5".repeat(32);

    private StubTronNode node;
    private TronBlockReader reader;

    @BeforeEach
    void start() throws Exception {
        node = new StubTronNode();
        reader = new TronBlockReader(new TronGridClient(node.url(), "test-key", Duration.ofSeconds(5)));
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void theHeadBlockIsReadWithTheApiKey() {
        // the getnowblock example of the TRON docs (a real Nile block, transactions left out)
        node.answer("/wallet/getnowblock", """
                {
                  "blockID": "0000000003fe266bf6b6d392f654dc2e5011601546ed04623d9fcc4e9d439a25",
                  "block_header": {
                    "raw_data": {
                      "number": 66987627,
                      "txTrieRoot": "f8156964cc3e5793a368f938a18ea45c02bd48fe3a412f7091ce8d9ef56df174",
                      "witness_address": "41e7860196ad5b5718c1d6326babab039b70b8c1cd",
                      "parentHash": "0000000003fe266a65d5194c947f6f7a059d4646c8e9a5293226bc7fdcfc775e",
                      "version": 34,
                      "timestamp": 1777445307000
                    },
                    "witness_signature": "55a29981b2ba121613788de5d1b6bd87579ef63479f4fbb7bc99b1c721769487023cb74ea3b604778ed448bf1c90db3db0fd8fedc85102cfda4231fd1c75d6e100"
                  }
                }""");

        TronBlockHeader head = reader.headBlock();

        assertThat(head).isEqualTo(new TronBlockHeader(66987627,
                "0000000003fe266bf6b6d392f654dc2e5011601546ed04623d9fcc4e9d439a25",
                "0000000003fe266a65d5194c947f6f7a059d4646c8e9a5293226bc7fdcfc775e", 1777445307000L));
        assertThat(node.requests).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo("/wallet/getnowblock");
            assertThat(request.apiKey()).isEqualTo("test-key");
        });
    }

    @Test
    void aBlockWithTwoTransfersGivesBothAndTheWatchedOneCarriesEveryField() {
        node.answer("/wallet/getblockbynum", block(TX_TO_WATCHED, TX_TO_STRANGER, TX_REVERTED, TX_TRX, TX_ZERO));
        node.answer("/wallet/gettransactioninfobyblocknum", "[" + String.join(",",
                successfulCall(TX_TO_WATCHED, transferLog(USDT, SENDER, WATCHED, 1_500_000)),
                // a log of another contract first, so the USDT log is the transaction's second (index 1)
                successfulCall(TX_TO_STRANGER, transferLog(OTHER_TOKEN, SENDER, WATCHED, 7),
                        transferLog(USDT, SENDER, STRANGER, 2_000_000)),
                revertedCall(TX_REVERTED),
                """
                {"id": "%s", "fee": 267000, "blockNumber": %d, "blockTimeStamp": 1777445121000,
                 "contractResult": [""], "receipt": {"net_fee": 267000}}""".formatted(TX_TRX, BLOCK),
                successfulCall(TX_ZERO, transferLog(USDT, STRANGER, WATCHED, 0))) + "]");

        TronBlockTransfers read = reader.tokenTransfers(BLOCK, USDT).orElseThrow();

        assertThat(read.block()).isEqualTo(new TronBlockHeader(BLOCK, BLOCK_ID, PARENT, 1777445121000L));
        assertThat(read.transfers()).extracting(TronTokenTransfer::txHash)
                .containsExactly(TX_TO_WATCHED, TX_TO_STRANGER);
        assertThat(read.to(Set.of(WATCHED))).containsExactly(new TronTokenTransfer(TX_TO_WATCHED, 0, USDT, SENDER,
                WATCHED, BigInteger.valueOf(1_500_000), BLOCK, BLOCK_ID, PARENT));
        TronTokenTransfer toStranger = read.transfers().get(1);
        assertThat(toStranger.logIndex()).isEqualTo(1);
        assertThat(toStranger.to()).isEqualTo(STRANGER);
        assertThat(toStranger.amount()).isEqualTo(BigInteger.valueOf(2_000_000));
        assertThat(node.requests).extracting(StubTronNode.Request::body).allMatch(body -> body.contains("66987565"));
    }

    @Test
    void resultsThatDoNotBelongToTheBlockJustReadAreARetryableFailure() {
        node.answer("/wallet/getblockbynum", block(TX_TO_WATCHED));
        // the block was replaced between the two calls: its results name other transactions
        node.answer("/wallet/gettransactioninfobyblocknum", "[" + successfulCall(TX_TO_STRANGER,
                transferLog(USDT, SENDER, WATCHED, 1)) + "]");

        assertThatThrownBy(() -> reader.tokenTransfers(BLOCK, USDT))
                .isInstanceOfSatisfying(TronNodeUnavailableException.class, e -> {
                    assertThat(e.code()).isEqualTo(17020);
                    assertThat(e.detail()).contains("changed while it was read");
                });
    }

    @Test
    void aBlockTheNodeDoesNotHaveYetIsEmpty() {
        node.answer("/wallet/getblockbynum", "{}");

        assertThat(reader.block(BLOCK + 1000)).isEmpty();
        assertThat(reader.tokenTransfers(BLOCK + 1000, USDT)).isEmpty();
        assertThat(node.requests).extracting(StubTronNode.Request::path)
                .doesNotContain("/wallet/gettransactioninfobyblocknum");
    }

    @Test
    void anEmptyBlockHasNoTransfers() {
        // protobuf JSON leaves an empty transactions list out; gettransactioninfobyblocknum answers []
        node.answer("/wallet/getblockbynum", block());
        node.answer("/wallet/gettransactioninfobyblocknum", "[]");

        TronBlockTransfers read = reader.tokenTransfers(BLOCK, USDT).orElseThrow();

        assertThat(read.transfers()).isEmpty();
        assertThat(reader.block(BLOCK)).contains(read.block());
    }

    @Test
    void aBlockOtherThanTheOneAskedForIsRefused() {
        node.answer("/wallet/getblockbynum", block().replace("\"number\": " + BLOCK, "\"number\": " + (BLOCK - 1)));

        assertThatThrownBy(() -> reader.block(BLOCK)).isInstanceOf(TronNodeResponseException.class)
                .hasMessageContaining("asked for block " + BLOCK);
    }

    @Test
    void anUnavailableNodeIsARetryableFailure() {
        node.answer("/wallet/getblockbynum", 503, "<html>Service Unavailable</html>");

        assertThatThrownBy(() -> reader.tokenTransfers(BLOCK, USDT))
                .isInstanceOfSatisfying(TronNodeUnavailableException.class, e -> {
                    assertThat(e.code()).isEqualTo(17020);
                    assertThat(e.httpStatus()).isEqualTo(503);
                    assertThat(e.detail()).contains("HTTP 503").contains("/wallet/getblockbynum");
                });
    }

    /** getblockbynum: header as in the docs' example for block 66987565, then the given transactions. */
    private static String block(String... txIds) {
        String transactions = List.of(txIds).stream().map(id -> """
                {"ret": [{"contractRet": "SUCCESS"}], "signature": ["%s"], "txID": "%s",
                 "raw_data": {"contract": [{"type": "TriggerSmartContract"}]}}""".formatted("00".repeat(65), id))
                .collect(Collectors.joining(","));
        return """
                {
                  "blockID": "%s",
                  "block_header": {
                    "raw_data": {
                      "number": %d,
                      "txTrieRoot": "faf8fe3858339ead25cc892461c82a59b84dca4a51c45b026676bf3f45a352a2",
                      "witness_address": "41b2f713d57dbcec679d93a8849fa0cd0e4db594ba",
                      "parentHash": "%s",
                      "version": 34,
                      "timestamp": 1777445121000
                    }
                  }%s
                }""".formatted(BLOCK_ID, BLOCK, PARENT,
                txIds.length == 0 ? "" : ",\n  \"transactions\": [" + transactions + "]");
    }

    private static String successfulCall(String txId, String... logs) {
        return """
                {"id": "%s", "fee": 345000, "blockNumber": %d, "blockTimeStamp": 1777445121000,
                 "contractResult": [""], "contract_address": "%s",
                 "receipt": {"energy_usage_total": 14650, "net_fee": 345000, "result": "SUCCESS"},
                 "log": [%s]}""".formatted(txId, BLOCK, USDT.hex(), String.join(",", logs));
    }

    // a failed call has no logs on a real node; one is put here so that leaving it out is observable
    private static String revertedCall(String txId) {
        return """
                {"id": "%s", "fee": 1000000, "blockNumber": %d, "blockTimeStamp": 1777445121000,
                 "contractResult": [""], "contract_address": "%s", "result": "FAILED",
                 "resMessage": "%s",
                 "receipt": {"energy_usage_total": 10000, "result": "REVERT"},
                 "log": [%s]}""".formatted(txId, BLOCK, USDT.hex(),
                HEX.formatHex("REVERT opcode executed".getBytes()), transferLog(USDT, SENDER, WATCHED, 9_999));
    }

    /** A Transfer log as gettransactioninfobyid shows one: the contract's 20 bytes, three topics, one data word. */
    private static String transferLog(TronAddress token, TronAddress from, TronAddress to, long amount) {
        return """
                {"address": "%s", "topics": ["%s", "%s", "%s"], "data": "%s"}""".formatted(
                HEX.formatHex(token.evmBytes()), TRANSFER_TOPIC, word(from), word(to),
                String.format("%064x", amount));
    }

    private static String word(TronAddress address) {
        return "0".repeat(24) + HEX.formatHex(address.evmBytes());
    }
}
