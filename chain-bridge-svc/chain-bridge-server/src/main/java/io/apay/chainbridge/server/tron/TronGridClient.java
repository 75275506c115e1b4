package io.apay.chainbridge.server.tron;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The java-tron full-node HTTP API as TronGrid (or any full node) serves it, {@code POST /wallet/...} with JSON,
 * addresses in hex ({@code visible} left false). Endpoints and shapes: TRON developer docs, HTTP API
 * (tronprotocol/documentation-en docs/api/http): getnowblock, getblockbynum, gettransactioninfobyblocknum,
 * gettransactioninfobyid, broadcasthex. Thread-safe.
 *
 * <p>Failures: {@link TronNodeUnavailableException} (retryable: I/O, timeout, HTTP 429/5xx, a busy node) or
 * {@link TronNodeResponseException} (not retryable: HTTP 4xx, an {@code {"Error": ...}} body, an unknown shape).
 */
public class TronGridClient {

    /** The header TronGrid reads an API key from. */
    static final String API_KEY_HEADER = "TRON-PRO-API-KEY";

    private static final HexFormat HEX = HexFormat.of();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> BUSY_CODES = Set.of("SERVER_BUSY", "NO_CONNECTION",
            "NOT_ENOUGH_EFFECTIVE_CONNECTION");

    private final URI baseUrl;
    private final String apiKey;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param baseUrl e.g. {@code https://api.trongrid.io} or {@code https://nile.trongrid.io}
     * @param apiKey  a TronGrid API key, or null (then TronGrid's anonymous rate limit applies)
     * @param timeout for connecting and for each whole request
     */
    public TronGridClient(URI baseUrl, String apiKey, Duration timeout) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** The node's head block. */
    public TronBlockHeader nowBlock() {
        JsonNode block = post("/wallet/getnowblock", Map.of());
        if (block.isEmpty()) {
            throw new TronNodeUnavailableException("the node has no head block yet");
        }
        return header(block, "/wallet/getnowblock");
    }

    /** The block at this height with its transaction IDs, or empty when the node has no such block (yet). */
    Optional<BlockWithTransactions> blockByNumber(long number) {
        JsonNode block = post("/wallet/getblockbynum", Map.of("num", number));
        if (block.isEmpty()) {
            return Optional.empty();
        }
        TronBlockHeader header = header(block, "/wallet/getblockbynum");
        if (header.number() != number) {
            throw new TronNodeResponseException("asked for block " + number + ", the node answered block "
                    + header.number());
        }
        List<String> txIds = new ArrayList<>();
        List<TronTrxTransfer> trxTransfers = new ArrayList<>();
        for (JsonNode tx : block.path("transactions")) {
            String txId = requiredText(tx, "txID", "/wallet/getblockbynum");
            txIds.add(txId);
            trxTransfer(tx, txId).ifPresent(trxTransfers::add);
        }
        return Optional.of(new BlockWithTransactions(header, txIds, trxTransfers));
    }

    // a TransferContract that the block records as SUCCESS; anything else (contract calls, other system contracts,
    // a zero or malformed amount) is not a TRX transfer here
    private static Optional<TronTrxTransfer> trxTransfer(JsonNode tx, String txId) {
        JsonNode contracts = tx.path("raw_data").path("contract");
        if (contracts.size() != 1 || !"TransferContract".equals(contracts.get(0).path("type").asText())
                || !"SUCCESS".equals(tx.path("ret").path(0).path("contractRet").asText(""))) {
            return Optional.empty();
        }
        JsonNode value = contracts.get(0).path("parameter").path("value");
        long amount = value.path("amount").asLong(0);
        Optional<TronAddress> from = TronAddress.tryParse(value.path("owner_address").asText(""));
        Optional<TronAddress> to = TronAddress.tryParse(value.path("to_address").asText(""));
        if (amount <= 0 || from.isEmpty() || to.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TronTrxTransfer(txId, from.get(), to.get(), amount));
    }

    /** The TRX balance of an account in sun; 0 for an account the chain does not know (never received anything). */
    public long trxBalance(TronAddress account) {
        return post("/wallet/getaccount", Map.of("address", account.hex())).path("balance").asLong(0);
    }

    /** {@code balanceOf(holder)} of a TRC-20 token in its base units: a constant call, nothing is sent or paid. */
    public java.math.BigInteger trc20Balance(TronAddress token, TronAddress holder) {
        String holderWord = "0".repeat(24) + HEX.formatHex(holder.evmBytes());
        JsonNode answer = post("/wallet/triggerconstantcontract", Map.of(
                "owner_address", holder.hex(),
                "contract_address", token.hex(),
                "function_selector", "balanceOf(address)",
                "parameter", holderWord));
        JsonNode result = answer.path("result");
        JsonNode constant = answer.path("constant_result");
        if (!result.path("result").asBoolean(false) || !constant.isArray() || constant.isEmpty()) {
            throw new TronNodeResponseException("balanceOf on " + token + " failed: " + result.path("code").asText("")
                    + " " + decodeMessage(result.path("message").asText("")));
        }
        String word = constant.get(0).asText("");
        if (word.length() != 64 || !word.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new TronNodeResponseException("balanceOf on " + token + " answered " + word.length()
                    + " hex characters, not one word");
        }
        return new java.math.BigInteger(word, 16);
    }

    /**
     * Whether the node has the transaction, in a block ({@code /wallet/gettransactionbyid}) or in its pool
     * ({@code /wallet/gettransactionfrompending}); both answer {@code {}} when they do not.
     */
    public boolean knowsTransaction(String txIdHex) {
        Map<String, String> body = Map.of("value", txIdHex);
        return !post("/wallet/gettransactionbyid", body).isEmpty()
                || !post("/wallet/gettransactionfrompending", body).isEmpty();
    }

    /** The execution results of every transaction in the block at this height, in block order. */
    List<TransactionInfo> transactionInfosOfBlock(long number) {
        JsonNode infos = post("/wallet/gettransactioninfobyblocknum", Map.of("num", number));
        if (infos.isObject() && infos.isEmpty()) {
            return List.of();
        }
        if (!infos.isArray()) {
            throw new TronNodeResponseException("/wallet/gettransactioninfobyblocknum answered a "
                    + infos.getNodeType() + ", not an array");
        }
        List<TransactionInfo> result = new ArrayList<>();
        for (JsonNode info : infos) {
            result.add(transactionInfo(info));
        }
        return result;
    }

    /** The outcome of a transaction, or empty while it is in no block the node knows (pending, dropped, unknown). */
    public Optional<TronReceipt> transactionInfo(String txIdHex) {
        JsonNode info = post("/wallet/gettransactioninfobyid", Map.of("value", txIdHex));
        if (info.isEmpty()) {
            return Optional.empty();
        }
        TransactionInfo parsed = transactionInfo(info);
        if (!parsed.id().equalsIgnoreCase(txIdHex)) {
            throw new TronNodeResponseException("asked for transaction " + txIdHex + ", the node answered "
                    + parsed.id());
        }
        return Optional.of(new TronReceipt(parsed.id(), parsed.blockNumber(),
                info.path("blockTimeStamp").asLong(0), parsed.succeeded(), parsed.result(),
                info.path("fee").asLong(0), parsed.failureMessage()));
    }

    /**
     * Broadcasts through {@code /wallet/broadcasthex}: the node gets the signed protobuf bytes themselves.
     * ({@code /wallet/broadcasttransaction} would rebuild the bytes from a JSON {@code raw_data}, ignoring
     * {@code raw_data_hex}, so any JSON detail that re-encodes differently would break the signature.)
     *
     * @throws TronNodeUnavailableException also when the node says it is busy or not connected to peers
     */
    public TronBroadcastResult broadcast(SignedTronTransaction transaction) {
        return broadcastHex(transaction.txIdHex(), transaction.toProtobufHex());
    }

    /**
     * {@link #broadcast(SignedTronTransaction)} of a transaction stored as {@link SignedTronTransaction#toProtobufHex()}
     * wrote it, with its ID (which the node's answer must repeat).
     */
    public TronBroadcastResult broadcastHex(String txIdHex, String protobufHex) {
        JsonNode answer = post("/wallet/broadcasthex", Map.of("transaction", protobufHex));
        String txId = answer.path("txid").asText(txIdHex);
        if (!txId.equalsIgnoreCase(txIdHex)) {
            throw new TronNodeResponseException("broadcast " + txIdHex + ", the node computed "
                    + txId + " (different bytes?)");
        }
        String code = answer.path("code").asText(answer.path("result").asBoolean(false) ? "SUCCESS" : "");
        String message = answer.path("message").asText("");
        if (answer.path("result").asBoolean(false)) {
            return new TronBroadcastResult(txIdHex, TronBroadcastResult.Outcome.ACCEPTED, code, "");
        }
        if (BUSY_CODES.contains(code)) {
            throw new TronNodeUnavailableException("broadcast of " + txIdHex + ": " + code + " "
                    + message);
        }
        if (code.isEmpty()) {
            throw new TronNodeResponseException("/wallet/broadcasthex answered without result or code");
        }
        TronBroadcastResult.Outcome outcome = "DUP_TRANSACTION_ERROR".equals(code)
                ? TronBroadcastResult.Outcome.DUPLICATE : TronBroadcastResult.Outcome.REJECTED;
        return new TronBroadcastResult(txIdHex, outcome, code, message);
    }

    /** A block header, the IDs of its transactions and its TRX transfers, in block order. */
    record BlockWithTransactions(TronBlockHeader header, List<String> txIds, List<TronTrxTransfer> trxTransfers) {
    }

    /** One log of a transaction: the emitting contract's 20 bytes, topics and data, hex as the node writes them. */
    record Log(String addressHex, List<String> topics, String data) {
    }

    /**
     * A transaction's execution result. {@code succeeded}: the node did not mark it FAILED and, for a contract call,
     * its receipt result is SUCCESS.
     */
    record TransactionInfo(String id, long blockNumber, boolean succeeded, String result, String failureMessage,
                           List<Log> logs) {
    }

    private TransactionInfo transactionInfo(JsonNode info) {
        String endpoint = "transaction info";
        String id = requiredText(info, "id", endpoint);
        // a contract call has receipt.result (SUCCESS, REVERT, OUT_OF_ENERGY, ...); a plain TRX transfer has none
        String receiptResult = info.path("receipt").path("result").asText("");
        boolean failed = "FAILED".equals(info.path("result").asText(""))
                || (!receiptResult.isEmpty() && !"SUCCESS".equals(receiptResult));
        String result = !receiptResult.isEmpty() ? receiptResult : failed ? "FAILED" : "SUCCESS";
        List<Log> logs = new ArrayList<>();
        for (JsonNode log : info.path("log")) {
            List<String> topics = new ArrayList<>();
            log.path("topics").forEach(topic -> topics.add(topic.asText()));
            logs.add(new Log(log.path("address").asText(""), topics, log.path("data").asText("")));
        }
        return new TransactionInfo(id, info.path("blockNumber").asLong(0), !failed, result,
                failed ? decodeMessage(info.path("resMessage").asText("")) : "", logs);
    }

    private static TronBlockHeader header(JsonNode block, String endpoint) {
        JsonNode raw = block.path("block_header").path("raw_data");
        if (raw.isMissingNode()) {
            throw new TronNodeResponseException(endpoint + " answered without block_header.raw_data");
        }
        // protobuf JSON leaves out zero fields: block 0 has no "number"
        return new TronBlockHeader(raw.path("number").asLong(0), requiredText(block, "blockID", endpoint),
                requiredText(raw, "parentHash", endpoint), raw.path("timestamp").asLong(0));
    }

    private static String requiredText(JsonNode node, String field, String endpoint) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new TronNodeResponseException(endpoint + " answered without " + field);
        }
        return value.asText().toLowerCase();
    }

    // resMessage is hex of UTF-8 bytes when visible=false
    private static String decodeMessage(String hex) {
        try {
            return new String(HEX.parseHex(hex), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notHex) {
            return hex;
        }
    }

    JsonNode post(String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl.resolve(path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
        if (apiKey != null) {
            request.header(API_KEY_HEADER, apiKey);
        }
        HttpResponse<String> response;
        try {
            request.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a request body for " + path, e);
        } catch (IOException e) {
            throw new TronNodeUnavailableException(path + ": " + e.getClass().getSimpleName() + " " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TronNodeUnavailableException(path + ": interrupted");
        }
        int status = response.statusCode();
        if (status == 429 || status >= 500) {
            throw new TronNodeUnavailableException(path + ": HTTP " + status);
        }
        if (status >= 300) {
            throw new TronNodeResponseException(path + ": HTTP " + status);
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new TronNodeResponseException(path + ": the answer is not JSON", e);
        }
        if (answer == null || answer.isMissingNode()) {
            throw new TronNodeResponseException(path + ": empty answer");
        }
        if (answer.has("Error")) {
            throw new TronNodeResponseException(path + ": " + answer.path("Error").asText());
        }
        return answer;
    }
}
