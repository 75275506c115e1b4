package io.apay.wallet.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The services wallet-svc calls, stood in by one JDK HTTP server (their paths do not overlap): a small ledger that
 * keeps balances, holds and idempotency keys (a key applied once answers its first result; a voided key refuses
 * everything else), a chain bridge, user-svc's security RPC and sms-svc's code check. A test can make the next call
 * of an operation answer a refusal or an unknown outcome (before or after applying it), and reads what was called.
 */
final class StandInMesh {

    /** What the next call of an operation does instead of answering normally. */
    enum Fault { REFUSE, UNKNOWN_BEFORE, UNKNOWN_AFTER }

    /** The ledger's code for a command it cannot take (common-core's VALIDATION_FAILED). */
    static final int VALIDATION_FAILED = 10001;

    static final ObjectMapper MAPPER = new ObjectMapper();

    final HttpServer server;
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final Map<String, Deque<Fault>> faults = new ConcurrentHashMap<>();

    // ledger
    final Map<String, BigDecimal> balances = new HashMap<>();
    final Map<String, ObjectNode> txnsByKey = new HashMap<>();
    final Map<String, String> keyFingerprints = new HashMap<>();
    final Map<Long, ObjectNode> holds = new HashMap<>();
    final AtomicLong ids = new AtomicLong(1000);

    // chain
    final Map<String, ObjectNode> chainWithdrawals = new ConcurrentHashMap<>();
    /** Withdrawal ids voided (tombstones): a send under one is refused 17013, as chain-bridge-svc does. */
    final Set<String> voidedWithdrawals = ConcurrentHashMap.newKeySet();
    /** The deposit addresses handed out, canonical: the address check says they are the platform's own. */
    final Set<String> platformAddresses = ConcurrentHashMap.newKeySet();
    final List<ObjectNode> confirmedDeposits = Collections.synchronizedList(new ArrayList<>());
    /** chain-bridge-svc's confirmation order: a deposit gets the next one when it confirms, whatever its id. */
    final AtomicLong confirmSeqs = new AtomicLong();

    // users: id -> {phone, totpEnabled}; a TOTP code "000000" is wrong, "999999" finds two-factor locked, any other is right
    final Map<Long, ObjectNode> users = new ConcurrentHashMap<>();
    final Set<String> smsCodes = ConcurrentHashMap.newKeySet();

    StandInMesh() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "stand-in-mesh");
            t.setDaemon(true); // shared by the test classes of this JVM; it ends with it
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void failNext(String operation, Fault fault) {
        faults.computeIfAbsent(operation, k -> new ConcurrentLinkedDeque<>()).add(fault);
    }

    long count(String operation) {
        return calls.stream().filter(c -> c.equals(operation)).count();
    }

    void user(long id, String phone, boolean totpEnabled) {
        users.put(id, MAPPER.createObjectNode().put("userId", id).put("phone", phone).put("totpEnabled", totpEnabled).put("status", "ACTIVE"));
    }

    synchronized void fund(String ownerType, String ownerId, String amount) {
        balances.merge(ownerType + ":" + ownerId + ":USDT:AVAILABLE", new BigDecimal(amount), BigDecimal::add);
    }

    synchronized BigDecimal balance(String account) {
        return balances.getOrDefault(account, BigDecimal.ZERO).setScale(6, RoundingMode.UNNECESSARY);
    }

    /**
     * chain-bridge-svc's view of a deposit that confirms now: {@code id} is when it was seen (a test may confirm a
     * higher id first, as a network with fewer confirmations does), {@code confirmSeq} the next in confirmation order.
     */
    ObjectNode confirmDeposit(long id, String ownerRef, String txHash, String amount) {
        return confirmDeposit(id, ownerRef, txHash, "USDT", amount);
    }

    ObjectNode confirmDeposit(long id, String ownerRef, String txHash, String coin, String amount) {
        ObjectNode d = MAPPER.createObjectNode().put("id", id).put("network", "LOCAL").put("coin", coin).put("txHash", txHash)
                .put("logIndex", 0).put("address", "0x1111111111111111111111111111111111111111").put("ownerRef", ownerRef)
                .put("amount", amount).put("blockNumber", 10).put("blockHash", "0xb").put("confirmations", 12)
                .put("requiredConfirmations", 12).put("status", "CONFIRMED").put("seenAt", "2026-01-01T00:00:00Z")
                .put("confirmedAt", "2026-01-01T00:01:00Z").put("confirmSeq", confirmSeqs.incrementAndGet());
        confirmedDeposits.add(d);
        return d;
    }

    /** chain-bridge-svc's view of a withdrawal it was sent, moved to CONFIRMED or FAILED. */
    ObjectNode finishChainWithdrawal(String withdrawalId, boolean confirmed) {
        ObjectNode w = chainWithdrawals.get(withdrawalId);
        w.put("status", confirmed ? "CONFIRMED" : "FAILED").put("confirmations", 12);
        if (!confirmed) {
            w.put("failureReason", "reverted");
        }
        return w;
    }

    // ------------------------------------------------------------------ dispatch

    private void handle(HttpExchange ex) throws IOException {
        try {
            String path = ex.getRequestURI().getPath();
            Map<String, String> query = query(ex.getRequestURI().getRawQuery());
            JsonNode body = "POST".equals(ex.getRequestMethod()) ? MAPPER.readTree(ex.getRequestBody().readAllBytes()) : null;
            String[] p = path.split("/");
            if (path.startsWith("/rpc-api/ledger/")) {
                ledger(ex, path, p, query, body);
            } else if (path.startsWith("/rpc-api/chain/")) {
                chain(ex, path, p, query, body);
            } else if (path.startsWith("/rpc-api/user/users/")) {
                user(ex, path, p, query, body);
            } else if (path.equals("/rpc-api/sms/codes/verify")) {
                calls.add("sms.verify");
                if (smsCodes.remove(body.get("phone").asText() + "|" + body.get("purpose").asText() + "|" + body.get("code").asText())) {
                    ok(ex, null);
                } else {
                    error(ex, 400, 13004, "wrong verification code");
                }
            } else {
                error(ex, 404, 10020, "not found");
            }
        } catch (RuntimeException e) {
            error(ex, 500, 10500, "stand-in failed: " + e);
        }
    }

    /** Answers true if the call was answered by a fault (REFUSE, UNKNOWN_BEFORE); UNKNOWN_AFTER is answered by after(). */
    private Fault fault(String operation) {
        calls.add(operation);
        Deque<Fault> q = faults.get(operation);
        return q == null ? null : q.poll();
    }

    // ------------------------------------------------------------------ ledger

    private synchronized void ledger(HttpExchange ex, String path, String[] p, Map<String, String> q, JsonNode body) throws IOException {
        if (path.equals("/rpc-api/ledger/holds") && body != null) {
            command(ex, "ledger.hold", body, () -> {
                String source = body.at("/owner/ownerType").asText() + ":" + body.at("/owner/ownerId").asText() + ":" + body.get("coin").asText();
                BigDecimal amount = new BigDecimal(body.get("amount").asText());
                if (balance(source + ":AVAILABLE").compareTo(amount) < 0) {
                    return new Refusal(409, 14001, "insufficient balance");
                }
                long holdId = ids.incrementAndGet();
                move(source + ":AVAILABLE", source + ":FROZEN", amount);
                holds.put(holdId, MAPPER.createObjectNode().put("holdId", holdId).put("source", source).put("amount", amount.toPlainString())
                        .put("remaining", amount.toPlainString()).put("status", "OPEN"));
                return txn(body, "HOLD", holdId);
            });
        } else if (p.length == 6 && p[3].equals("holds") && p[5].equals("settle")) {
            long holdId = Long.parseLong(p[4]);
            command(ex, "ledger.settle", body, () -> {
                ObjectNode hold = holds.get(holdId);
                if (!"OPEN".equals(hold.get("status").asText())) {
                    return new Refusal(409, 14011, "hold is already " + hold.get("status").asText());
                }
                BigDecimal remaining = new BigDecimal(hold.get("remaining").asText());
                BigDecimal fee = body.hasNonNull("flatFee") ? new BigDecimal(body.get("flatFee").asText()) : BigDecimal.ZERO;
                String source = hold.get("source").asText();
                String payee = body.at("/payee/ownerType").asText() + ":" + body.at("/payee/ownerId").asText() + ":USDT:"
                        + (body.hasNonNull("payeeKind") ? body.get("payeeKind").asText() : "AVAILABLE");
                move(source + ":FROZEN", payee, remaining.subtract(fee));
                move(source + ":FROZEN", "PLATFORM:platform:USDT:FEE_INCOME", fee);
                hold.put("remaining", "0").put("status", "SETTLED");
                return txn(body, "SETTLE", holdId);
            });
        } else if (p.length == 6 && p[3].equals("holds") && p[5].equals("release")) {
            long holdId = Long.parseLong(p[4]);
            command(ex, "ledger.release", body, () -> {
                ObjectNode hold = holds.get(holdId);
                if (!"OPEN".equals(hold.get("status").asText())) {
                    return new Refusal(409, 14011, "hold is already " + hold.get("status").asText());
                }
                String source = hold.get("source").asText();
                move(source + ":FROZEN", source + ":AVAILABLE", new BigDecimal(hold.get("remaining").asText()));
                hold.put("remaining", "0").put("status", "RELEASED");
                return txn(body, "RELEASE", holdId);
            });
        } else if (p.length == 5 && p[3].equals("holds")) {
            ObjectNode hold = holds.get(Long.parseLong(p[4]));
            if (hold == null) {
                error(ex, 404, 14010, "hold not found");
            } else {
                ok(ex, hold);
            }
        } else if (path.equals("/rpc-api/ledger/transfers")) {
            command(ex, "ledger.transfer", body, () -> {
                for (JsonNode leg : body.get("legs")) {
                    String from = account(leg.get("from"));
                    BigDecimal amount = new BigDecimal(leg.get("amount").asText());
                    // as the ledger: it knows USDT only here, at scale 6
                    if (!"USDT".equals(leg.at("/from/coin").asText()) || amount.stripTrailingZeros().scale() > 6) {
                        return new Refusal(400, VALIDATION_FAILED, "unknown coin or amount has more than 6 decimals");
                    }
                    if (!from.endsWith("CLEARING") && balance(from).compareTo(amount) < 0) {
                        return new Refusal(409, 14001, "insufficient balance");
                    }
                }
                for (JsonNode leg : body.get("legs")) {
                    move(account(leg.get("from")), account(leg.get("to")), new BigDecimal(leg.get("amount").asText()));
                }
                return txn(body, "TRANSFER", null);
            });
        } else if (path.equals("/rpc-api/ledger/keys/void")) {
            command(ex, "ledger.void", body, () -> txn(body, "VOID", null));
        } else if (path.equals("/rpc-api/ledger/transactions/by-key")) {
            ObjectNode t = txnsByKey.get(q.get("idempotencyKey"));
            if (t == null) {
                error(ex, 404, 14020, "transaction not found");
            } else {
                ok(ex, t);
            }
        } else {
            error(ex, 404, 10020, "not found");
        }
    }

    record Refusal(int status, int code, String message) {
    }

    /** Applies a keyed command once: a repeat answers the first result, another payload under the key 14030. */
    private void command(HttpExchange ex, String operation, JsonNode body, java.util.function.Supplier<Object> apply) throws IOException {
        Fault fault = fault(operation);
        if (fault == Fault.UNKNOWN_BEFORE) {
            error(ex, 503, 14050, "ledger is busy");
            return;
        }
        if (fault == Fault.REFUSE) {
            error(ex, 409, 14001, "insufficient balance");
            return;
        }
        String key = body.get("idempotencyKey").asText();
        String fingerprint = operation + body.toString().replace(key, "");
        ObjectNode existing = txnsByKey.get(key);
        if (existing != null) {
            if (!keyFingerprints.get(key).equals(fingerprint)) {
                error(ex, 422, 14030, "idempotency key was used for a different request");
            } else {
                ok(ex, existing);
            }
            return;
        }
        Object result = apply.get();
        if (result instanceof Refusal r) {
            error(ex, r.status(), r.code(), r.message());
            return;
        }
        ObjectNode txn = (ObjectNode) result;
        txnsByKey.put(key, txn);
        keyFingerprints.put(key, fingerprint);
        if (fault == Fault.UNKNOWN_AFTER) {
            error(ex, 504, 14051, "the outcome is not known yet");
        } else {
            ok(ex, txn);
        }
    }

    private ObjectNode txn(JsonNode body, String type, Long holdId) {
        ObjectNode t = MAPPER.createObjectNode().put("txnId", ids.incrementAndGet()).put("idempotencyKey", body.get("idempotencyKey").asText())
                .put("type", type).put("createdAt", "2026-01-01T00:00:00Z");
        if (holdId != null) {
            t.put("holdId", holdId);
        }
        t.putArray("postings");
        return t;
    }

    private static String account(JsonNode ref) {
        return ref.get("ownerType").asText() + ":" + ref.get("ownerId").asText() + ":" + ref.get("coin").asText() + ":" + ref.get("kind").asText();
    }

    private void move(String from, String to, BigDecimal amount) {
        balances.merge(from, amount.negate(), BigDecimal::add);
        balances.merge(to, amount, BigDecimal::add);
    }

    // ------------------------------------------------------------------ chain

    private void chain(HttpExchange ex, String path, String[] p, Map<String, String> q, JsonNode body) throws IOException {
        if (path.equals("/rpc-api/chain/addresses/check")) {
            calls.add("chain.check");
            String address = q.get("address");
            if (!"LOCAL".equals(q.get("network"))) {
                error(ex, 400, 17001, "unknown network");
            } else if (address == null || !address.matches("0x[0-9a-fA-F]{40}")) {
                error(ex, 400, 17003, "not a valid address of this network (format or checksum)");
            } else {
                String canonical = "0x" + address.substring(2).toUpperCase();
                ok(ex, MAPPER.createObjectNode().put("network", "LOCAL").put("address", canonical)
                        .put("platformAddress", platformAddresses.contains(canonical)));
            }
        } else if (path.equals("/rpc-api/chain/deposit-addresses")) {
            calls.add("chain.depositAddress");
            String owner = body.get("ownerRef").asText();
            String hex = String.format("%040x", Math.abs((long) owner.hashCode()));
            platformAddresses.add("0x" + hex.toUpperCase());
            ok(ex, MAPPER.createObjectNode().put("network", body.get("network").asText()).put("ownerRef", owner)
                    .put("address", "0x" + hex).put("path", "0/1"));
        } else if (path.equals("/rpc-api/chain/deposits/by-owner")) {
            ArrayNode list = MAPPER.createArrayNode();
            synchronized (confirmedDeposits) {
                confirmedDeposits.stream().filter(d -> d.get("ownerRef").asText().equals(q.get("ownerRef"))).forEach(list::add);
            }
            ok(ex, list);
        } else if (path.equals("/rpc-api/chain/deposits/confirmed")) {
            calls.add("chain.confirmedDeposits");
            // as chain-bridge-svc pages them: by confirmSeq after the one given (the parameter keeps its old name)
            long after = Long.parseLong(q.get("afterId"));
            int limit = Integer.parseInt(q.get("limit"));
            ArrayNode list = MAPPER.createArrayNode();
            synchronized (confirmedDeposits) {
                confirmedDeposits.stream().filter(d -> d.get("confirmSeq").asLong() > after)
                        .sorted((a, b) -> Long.compare(a.get("confirmSeq").asLong(), b.get("confirmSeq").asLong()))
                        .limit(limit).forEach(list::add);
            }
            ok(ex, list);
        } else if (path.equals("/rpc-api/chain/withdrawals")) {
            Fault fault = fault("chain.send");
            if (fault == Fault.UNKNOWN_BEFORE) {
                error(ex, 503, 17020, "the chain node did not answer; try again");
                return;
            }
            if (fault == Fault.REFUSE) {
                error(ex, 400, 17003, "not a valid address of this network (format or checksum)");
                return;
            }
            String id = body.get("withdrawalId").asText();
            if (voidedWithdrawals.contains(id)) {
                error(ex, 409, 17013, "this withdrawalId was voided: nothing is sent under it");
                return;
            }
            ObjectNode w = chainWithdrawals.computeIfAbsent(id, k -> MAPPER.createObjectNode().put("withdrawalId", id)
                    .put("network", body.get("network").asText()).put("coin", body.get("coin").asText())
                    .put("toAddress", body.get("toAddress").asText()).put("amount", body.get("amount").asText())
                    .put("status", "BROADCAST").put("txHash", "0x" + String.format("%064x", id.hashCode() & 0xffffffffL))
                    .put("confirmations", 0).put("createdAt", "2026-01-01T00:00:00Z").put("updatedAt", "2026-01-01T00:00:00Z"));
            if (fault == Fault.UNKNOWN_AFTER) {
                error(ex, 504, 10504, "timeout");
            } else {
                ok(ex, w);
            }
        } else if (p.length == 6 && p[3].equals("withdrawals") && p[5].equals("void")) {
            Fault fault = fault("chain.void");
            if (fault == Fault.UNKNOWN_BEFORE) {
                error(ex, 503, 17020, "the chain node did not answer; try again");
                return;
            }
            synchronized (chainWithdrawals) { // as the unique key on the id: a send or the void takes it
                ObjectNode accepted = chainWithdrawals.get(p[4]);
                if (accepted == null) {
                    voidedWithdrawals.add(p[4]);
                }
                ok(ex, MAPPER.createObjectNode().put("withdrawalId", p[4]).put("voided", accepted == null).set("withdrawal", accepted));
            }
        } else if (p.length == 5 && p[3].equals("withdrawals")) {
            calls.add("chain.withdrawal");
            ObjectNode w = chainWithdrawals.get(p[4]);
            if (w == null) {
                error(ex, 404, 17011, "withdrawal not found");
            } else {
                ok(ex, w);
            }
        } else {
            error(ex, 404, 10020, "not found");
        }
    }

    // ------------------------------------------------------------------ user

    private void user(HttpExchange ex, String path, String[] p, Map<String, String> q, JsonNode body) throws IOException {
        if (path.equals("/rpc-api/user/users/by-phone")) {
            String phone = q.get("phone").replace(" ", "+");
            ObjectNode u = users.values().stream().filter(x -> x.get("phone").asText().equals(phone)).findFirst().orElse(null);
            if (u == null) {
                error(ex, 404, 12005, "user not found");
            } else {
                ok(ex, u);
            }
            return;
        }
        ObjectNode u = users.get(Long.parseLong(p[4]));
        if (u == null) {
            error(ex, 404, 12005, "user not found");
        } else if (path.endsWith("/contact")) {
            ok(ex, u);
        } else {
            calls.add("user.totp");
            if (!u.get("totpEnabled").asBoolean()) {
                error(ex, 409, 12013, "two-factor not enabled");
            } else if ("999999".equals(body.get("code").asText())) {
                error(ex, 423, 12015, "too many wrong two-factor codes: two-factor is locked, try again in 840 s");
            } else {
                ok(ex, MAPPER.getNodeFactory().booleanNode(!"000000".equals(body.get("code").asText())));
            }
        }
    }

    // ------------------------------------------------------------------ http

    private static Map<String, String> query(String raw) {
        Map<String, String> m = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    m.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return m;
    }

    private static void ok(HttpExchange ex, JsonNode data) throws IOException {
        ObjectNode env = MAPPER.createObjectNode().put("code", 0).put("message", "ok");
        env.set("data", data);
        answer(ex, 200, env.toString());
    }

    private static void error(HttpExchange ex, int status, int code, String message) throws IOException {
        answer(ex, status, MAPPER.createObjectNode().put("code", code).put("message", message).put("traceId", "t").toString());
    }

    private static void answer(HttpExchange ex, int status, String json) throws IOException {
        byte[] out = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, out.length);
        ex.getResponseBody().write(out);
        ex.close();
    }
}
