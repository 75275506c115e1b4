package io.apay.chainbridge.server.tron;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.web3j.crypto.Hash;

/**
 * A TRON chain in memory, served over {@link StubTronNode} in the shapes of the TRON HTTP API docs (what
 * {@link TronGridClient} reads): blocks every 3 s of chain time from now, TRX and TRC-20 balances, a transaction pool
 * filled by {@code /wallet/broadcasthex} (ID, signature against the owner, reference block (TAPOS) and expiration
 * checked as a node does) and emptied into the next mined block, and reorganisations. Tests put transfers into blocks
 * directly ({@link #trc20Transfer}, {@link #trxTransfer}) and steer outcomes ({@link #revertTransfersTo},
 * {@link #dropBroadcasts}, {@link #holdPool}, {@link #evictPool}). Not a TRON node: nothing here burns energy or
 * bandwidth.
 */
public final class TronTestChain implements AutoCloseable {

    public static final long BLOCK_MILLIS = 3_000;
    private static final HexFormat HEX = HexFormat.of();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRANSFER_TOPIC = HEX.formatHex(Trc20Transfer.TRANSFER_EVENT_TOPIC);

    /** A transaction: a TRX transfer ({@code token} null) or a TRC-20 {@code transfer}. */
    public record Tx(String id, TronAddress from, TronAddress to, TronAddress token, BigInteger amount, long expiration,
                     long feeLimit, String protobufHex) {
    }

    private record Mined(Tx tx, boolean success) {
    }

    private record Block(long number, String id, String parentHash, long timestamp, List<Mined> txs) {
    }

    private final StubTronNode node;
    private final List<Block> blocks = new ArrayList<>();
    private final Map<String, Tx> pool = new LinkedHashMap<>();
    private final List<Tx> next = new ArrayList<>();
    private final Map<TronAddress, Long> trx = new HashMap<>();
    private final Map<String, BigInteger> tokens = new HashMap<>();
    private final Set<TronAddress> revertTo = new HashSet<>();
    /** Every signed transaction accepted by broadcast, in order. */
    public final List<Tx> broadcasts = new ArrayList<>();
    private boolean dropBroadcasts;
    private boolean holdPool;
    private long salt;
    private long syntheticTxs;

    public TronTestChain() {
        try {
            node = new StubTronNode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        blocks.add(newBlock(0, "00".repeat(32), System.currentTimeMillis(), List.of()));
        serve("/wallet/getnowblock", body -> blockJson(head()));
        serve("/wallet/getblockbynum", body -> block(body.path("num").asLong()).map(this::blockJson).orElse(empty()));
        serve("/wallet/gettransactioninfobyblocknum", body -> block(body.path("num").asLong()).map(this::infosJson)
                .orElse(JSON.createArrayNode()));
        serve("/wallet/gettransactioninfobyid", body -> findMined(body.path("value").asText())
                .map(found -> (JsonNode) infoJson(found.getValue(), found.getKey())).orElse(empty()));
        serve("/wallet/gettransactionbyid", body -> findMined(body.path("value").asText())
                .map(found -> (JsonNode) txJson(found.getKey())).orElse(empty()));
        serve("/wallet/gettransactionfrompending", body -> Optional.ofNullable(pool.get(body.path("value").asText()))
                .map(tx -> (JsonNode) txJson(new Mined(tx, true))).orElse(empty()));
        serve("/wallet/broadcasthex", body -> broadcast(body.path("transaction").asText()));
        serve("/wallet/getaccount", body -> {
            TronAddress a = TronAddress.parse(body.path("address").asText());
            return trx.containsKey(a) ? JSON.createObjectNode().put("address", a.hex()).put("balance", trx.get(a)) : empty();
        });
        serve("/wallet/triggerconstantcontract", body -> {
            TronAddress token = TronAddress.parse(body.path("contract_address").asText());
            TronAddress holder = TronAddress.fromEvmBytes(HEX.parseHex(body.path("parameter").asText().substring(24)));
            ObjectNode answer = JSON.createObjectNode();
            answer.putObject("result").put("result", true);
            answer.putArray("constant_result").add(word(tokenBalance(token, holder)));
            return answer;
        });
    }

    public URI url() {
        return node.url();
    }

    /** The server itself: to answer a path with a fixed failure ({@link StubTronNode#answer}) or read the requests. */
    public StubTronNode node() {
        return node;
    }

    // ---- the chain

    public synchronized long headNumber() {
        return head().number();
    }

    public synchronized long headTimestamp() {
        return head().timestamp();
    }

    public synchronized String blockId(long number) {
        return blocks.get((int) number).id();
    }

    /** Mines {@code n} blocks; the first takes the transactions put in with the trc20/trx methods and the pool. */
    public synchronized void mine(int n) {
        for (int i = 0; i < n; i++) {
            Block parent = head();
            long time = parent.timestamp() + BLOCK_MILLIS;
            List<Mined> txs = new ArrayList<>();
            for (Tx tx : next) {
                txs.add(apply(tx));
            }
            next.clear();
            if (!holdPool) {
                for (Tx tx : pool.values()) {
                    if (tx.expiration() > time) { // an expired one is not put in a block (a node drops it)
                        txs.add(apply(tx));
                    }
                }
                pool.clear();
            }
            blocks.add(newBlock(parent.number() + 1, parent.id(), time, txs));
        }
    }

    /**
     * Replaces the blocks from {@code fromNumber} up with a branch of {@code length} empty blocks (other IDs): their
     * transactions are gone (not back in the pool) and their balance changes are not undone, which the tests do not
     * look at.
     */
    public synchronized void reorg(long fromNumber, int length) {
        while (head().number() >= fromNumber) {
            blocks.remove(blocks.size() - 1);
        }
        salt++;
        next.clear();
        pool.clear();
        mine(length);
    }

    // ---- balances and transfers put in by the test

    public synchronized void fundTrx(TronAddress account, long sun) {
        trx.merge(account, sun, Long::sum);
    }

    public synchronized void fundToken(TronAddress token, TronAddress holder, BigInteger units) {
        tokens.merge(key(token, holder), units, BigInteger::add);
    }

    public synchronized BigInteger tokenBalance(TronAddress token, TronAddress holder) {
        return tokens.getOrDefault(key(token, holder), BigInteger.ZERO);
    }

    public synchronized long trxBalance(TronAddress account) {
        return trx.getOrDefault(account, 0L);
    }

    /** A TRC-20 transfer put into the next mined block (its sender need not sign: it is someone else's). */
    public synchronized String trc20Transfer(TronAddress token, TronAddress from, TronAddress to, BigInteger units) {
        fundToken(token, from, units);
        Tx tx = new Tx(syntheticId(), from, to, token, units, Long.MAX_VALUE, 0, "");
        next.add(tx);
        return tx.id();
    }

    public synchronized String trxTransfer(TronAddress from, TronAddress to, long sun) {
        fundTrx(from, sun);
        Tx tx = new Tx(syntheticId(), from, to, null, BigInteger.valueOf(sun), Long.MAX_VALUE, 0, "");
        next.add(tx);
        return tx.id();
    }

    /** TRC-20 transfers to this address revert (in a block, fee burnt, nothing moved), as OUT_OF_ENERGY would. */
    public synchronized void revertTransfersTo(TronAddress to) {
        revertTo.add(to);
    }

    /** Broadcasts are answered "accepted" but forgotten, as a node that restarts before relaying them. */
    public synchronized void dropBroadcasts(boolean drop) {
        dropBroadcasts = drop;
    }

    /** The pool is kept out of mined blocks (a congested network). */
    public synchronized void holdPool(boolean hold) {
        holdPool = hold;
    }

    /** The pool is emptied, as a node restart or eviction does. */
    public synchronized void evictPool() {
        pool.clear();
    }

    public synchronized boolean inPool(String txId) {
        return pool.containsKey(txId);
    }

    @Override
    public void close() {
        node.close();
    }

    /** The address whose key signed a transaction stored as {@code /wallet/broadcasthex} takes it. */
    public static TronAddress signerOf(String protobufHex) {
        ProtobufReader transaction = new ProtobufReader(HEX.parseHex(protobufHex));
        return TronSignatures.recoverSigner(Hash.sha256(transaction.bytesField(1)), transaction.bytesField(2));
    }

    // ---- what the node does

    private JsonNode broadcast(String protobufHex) {
        byte[] transaction = HEX.parseHex(protobufHex);
        ProtobufReader outer = new ProtobufReader(transaction);
        byte[] raw = outer.bytesField(1);
        byte[] signature = outer.bytesField(2);
        String id = HEX.formatHex(Hash.sha256(raw));
        ObjectNode answer = JSON.createObjectNode().put("txid", id);
        Tx tx = decode(id, raw, protobufHex);
        if (signature == null || !TronSignatures.recoverSigner(HEX.parseHex(id), signature).equals(tx.from())) {
            return refused(answer, "SIGERROR", "validate signature error");
        }
        if (pool.containsKey(id) || findMined(id).isPresent()) {
            return refused(answer, "DUP_TRANSACTION_ERROR", "dup transaction");
        }
        ProtobufReader rawFields = new ProtobufReader(raw);
        if (!refersToOurBlock(rawFields.bytesField(1), rawFields.bytesField(4))) {
            return refused(answer, "TAPOS_ERROR", "tapos check error");
        }
        if (tx.expiration() <= head().timestamp()) {
            return refused(answer, "TRANSACTION_EXPIRATION_ERROR", "transaction expired");
        }
        broadcasts.add(tx);
        if (!dropBroadcasts) {
            pool.put(id, tx);
        }
        return answer.put("result", true);
    }

    private boolean refersToOurBlock(byte[] refBytes, byte[] refHash) {
        for (Block b : blocks) {
            byte[] id = HEX.parseHex(b.id());
            if (Arrays.equals(Arrays.copyOfRange(id, 6, 8), refBytes) && Arrays.equals(Arrays.copyOfRange(id, 8, 16), refHash)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode refused(ObjectNode answer, String code, String message) {
        return answer.put("code", code).put("message", HEX.formatHex(message.getBytes(StandardCharsets.UTF_8)));
    }

    /** The parts of raw_data the chain acts on: contract (11) → Any (2) → value (2); expiration (8); fee limit (18). */
    private static Tx decode(String id, byte[] raw, String protobufHex) {
        ProtobufReader fields = new ProtobufReader(raw);
        ProtobufReader contract = new ProtobufReader(fields.bytesField(11));
        long type = contract.varintField(1).orElse(0);
        ProtobufReader value = new ProtobufReader(new ProtobufReader(contract.bytesField(2)).bytesField(2));
        TronAddress owner = TronAddress.parse(HEX.formatHex(value.bytesField(1)));
        long expiration = fields.varintField(8).orElse(0);
        long feeLimit = fields.varintField(18).orElse(0);
        if (type == 1) {
            return new Tx(id, owner, TronAddress.parse(HEX.formatHex(value.bytesField(2))), null,
                    BigInteger.valueOf(value.varintField(3).orElse(0)), expiration, feeLimit, protobufHex);
        }
        byte[] data = value.bytesField(4);
        if (type != 31 || data.length != 68 || !HEX.formatHex(data, 0, 4).equals("a9059cbb")) {
            throw new IllegalArgumentException("the test chain knows TRX transfers and TRC-20 transfer calls only");
        }
        TronAddress to = TronAddress.fromEvmBytes(Arrays.copyOfRange(data, 16, 36));
        return new Tx(id, owner, to, TronAddress.parse(HEX.formatHex(value.bytesField(2))),
                new BigInteger(1, Arrays.copyOfRange(data, 36, 68)), expiration, feeLimit, protobufHex);
    }

    private Mined apply(Tx tx) {
        if (tx.token() == null) {
            trx.merge(tx.from(), -tx.amount().longValueExact(), Long::sum);
            trx.merge(tx.to(), tx.amount().longValueExact(), Long::sum);
            return new Mined(tx, true);
        }
        if (revertTo.contains(tx.to()) || tokenBalance(tx.token(), tx.from()).compareTo(tx.amount()) < 0) {
            return new Mined(tx, false);
        }
        tokens.merge(key(tx.token(), tx.from()), tx.amount().negate(), BigInteger::add);
        tokens.merge(key(tx.token(), tx.to()), tx.amount(), BigInteger::add);
        return new Mined(tx, true);
    }

    // ---- JSON as the node writes it (visible=false: hex addresses)

    private ObjectNode blockJson(Block b) {
        ObjectNode block = JSON.createObjectNode().put("blockID", b.id());
        ObjectNode raw = block.putObject("block_header").putObject("raw_data");
        raw.put("number", b.number()).put("parentHash", b.parentHash()).put("timestamp", b.timestamp()).put("version", 30);
        if (!b.txs().isEmpty()) {
            ArrayNode txs = block.putArray("transactions");
            b.txs().forEach(m -> txs.add(txJson(m)));
        }
        return block;
    }

    private ObjectNode txJson(Mined m) {
        Tx tx = m.tx();
        ObjectNode json = JSON.createObjectNode();
        json.putArray("ret").addObject().put("contractRet", m.success() ? "SUCCESS" : "REVERT");
        json.put("txID", tx.id());
        ObjectNode contract = json.putObject("raw_data").putArray("contract").addObject();
        ObjectNode value = contract.putObject("parameter").putObject("value").put("owner_address", tx.from().hex());
        if (tx.token() == null) {
            contract.put("type", "TransferContract");
            value.put("to_address", tx.to().hex()).put("amount", tx.amount().longValueExact());
        } else {
            contract.put("type", "TriggerSmartContract");
            value.put("contract_address", tx.token().hex()).put("data", "a9059cbb" + word(tx.to()) + word(tx.amount()));
        }
        return json;
    }

    private ArrayNode infosJson(Block b) {
        ArrayNode infos = JSON.createArrayNode();
        b.txs().forEach(m -> infos.add(infoJson(b, m)));
        return infos;
    }

    private ObjectNode infoJson(Block b, Mined m) {
        Tx tx = m.tx();
        ObjectNode info = JSON.createObjectNode().put("id", tx.id()).put("fee", tx.token() == null ? 0 : 13_000_000)
                .put("blockNumber", b.number()).put("blockTimeStamp", b.timestamp());
        if (tx.token() == null) {
            return info;
        }
        info.put("contract_address", tx.token().hex());
        info.putObject("receipt").put("energy_usage_total", 31_895).put("result", m.success() ? "SUCCESS" : "REVERT");
        if (!m.success()) {
            info.put("result", "FAILED").put("resMessage", HEX.formatHex("REVERT opcode executed".getBytes(StandardCharsets.UTF_8)));
        } else {
            ObjectNode log = info.putArray("log").addObject().put("address", HEX.formatHex(tx.token().evmBytes()));
            log.putArray("topics").add(TRANSFER_TOPIC).add(word(tx.from())).add(word(tx.to()));
            log.put("data", word(tx.amount()));
        }
        return info;
    }

    // ---- helpers

    private void serve(String path, Function<JsonNode, JsonNode> answer) {
        node.handle(path, body -> {
            synchronized (this) {
                try {
                    return new StubTronNode.Answer(200, JSON.writeValueAsString(answer.apply(JSON.readTree(body))));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
    }

    private Block head() {
        return blocks.get(blocks.size() - 1);
    }

    private Optional<Block> block(long number) {
        return number >= 0 && number < blocks.size() ? Optional.of(blocks.get((int) number)) : Optional.empty();
    }

    private Optional<Map.Entry<Mined, Block>> findMined(String id) {
        for (Block b : blocks) {
            for (Mined m : b.txs()) {
                if (m.tx().id().equals(id)) {
                    return Optional.of(Map.entry(m, b));
                }
            }
        }
        return Optional.empty();
    }

    private Block newBlock(long number, String parentHash, long timestamp, List<Mined> txs) {
        byte[] hash = Hash.sha256((parentHash + number + "/" + salt + "/" + timestamp).getBytes(StandardCharsets.UTF_8));
        byte[] id = ByteBuffer.allocate(32).putLong(number).put(hash, 8, 24).array();
        return new Block(number, HEX.formatHex(id), parentHash, timestamp, List.copyOf(txs));
    }

    private String syntheticId() {
        return HEX.formatHex(Hash.sha256(("synthetic/" + (++syntheticTxs) + "/" + salt + "/" + System.nanoTime())
                .getBytes(StandardCharsets.UTF_8)));
    }

    private static String key(TronAddress token, TronAddress holder) {
        return token.hex() + "/" + holder.hex();
    }

    private static String word(TronAddress address) {
        return "0".repeat(24) + HEX.formatHex(address.evmBytes());
    }

    private static String word(BigInteger value) {
        String hex = value.toString(16);
        return "0".repeat(64 - hex.length()) + hex;
    }

    private static ObjectNode empty() {
        return JSON.createObjectNode();
    }
}
