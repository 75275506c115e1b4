package io.apay.e2e;

import static io.apay.e2e.MoneyFixture.balances;
import static io.apay.e2e.MoneyFixture.finance;
import static io.apay.e2e.MoneyFixture.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.apay.common.test.LocalChain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Runs docs/wallet.md's {@code bash} blocks as written, in order, in one bash session against the shared mesh (only
 * the gateway URL, the app client, the Redis key prefix and the friend's phone are swapped in); between blocks it
 * does what the user's other wallet and the chain would: sends the deposit on chain and mines blocks. Then the
 * Payouts examples of docs/merchant-api.md (its {@code sh} blocks) for a merchant it onboards and whitelists. Every
 * answer line is asserted; the ledger reconciles after. Each block's output is also written to
 * {@code target/wallet-doc-run.txt}, to refresh the answers the pages show.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WalletDocIT {

    static final int N = Mesh.LOCAL_CONFIRMATIONS;
    /** The node's account that sends the deposit (USDT minted to it first). */
    static final int PAYER = 4;
    static final Path TRANSCRIPT = Path.of("target/wallet-doc-run.txt");

    static LocalChain chain;

    @BeforeAll
    static void up() throws Exception {
        MoneyFixture.up();
        chain = mesh.chain();
        chain.mint(chain.account(PAYER), new BigDecimal("1000"));
        Files.createDirectories(TRANSCRIPT.toAbsolutePath().getParent());
        Files.deleteIfExists(TRANSCRIPT);
    }

    @AfterAll
    static void booksBalance() throws Exception {
        MoneyFixture.assertLedgerReconciles();
        MoneyFixture.assertCrossServiceReconciles();
    }

    @Test
    @Order(1)
    void theWalletPageRunsAsWritten() throws Exception {
        SharedMesh.Identity identity = MoneyFixture.identity;
        List<String> blocks = AppSignatureDocIT.bashBlocks(Files.readString(AppSignatureDocIT.repoRoot().resolve("docs/wallet.md")));
        assertThat(blocks).hasSize(13);
        AppClient friend = MoneyFixture.registeredUser();
        JsonNode friendProfile = friend.get("/app-api/user/profile").data();

        String setup = blocks.get(0);
        assertThat(setup).contains("GW=http://127.0.0.1:8080").contains(". ~/.apay/local-app.env");
        setup = setup.replace("GW=http://127.0.0.1:8080", "GW=" + mesh.gateway())
                .replace(". ~/.apay/local-app.env", "APP_KEY=" + identity.appKey() + "; APP_SECRET=" + identity.appSecret());
        String register = blocks.get(1);
        assertThat(register).contains("apay:sms-dev-mailbox");
        register = register.replace("apay:sms-dev-mailbox", mesh.redisPrefix() + "sms-dev-mailbox");
        String transfer = blocks.get(11);
        assertThat(transfer).containsPattern("(?m)^FRIEND=\\S+");
        transfer = transfer.replaceAll("(?m)^FRIEND=\\S+", "FRIEND=" + Matcher.quoteReplacement(friendProfile.path("phone").asText()));

        try (BashSession bash = new BashSession(Files.createTempDirectory("wallet-doc"))) {
            assertThat(bash.run("setup", setup)).isEmpty();

            // registered, two-factor on
            List<String> registered = bash.run("register", register);
            assertThat(registered).hasSize(2);
            assertOk(registered.get(0));
            assertThat(json(registered.get(0)).at("/data/expiresInSeconds").asInt()).isEqualTo(300);
            assertOk(registered.get(1));

            // the deposit address; the user's other wallet sends 150.25 USDT to it, one block short of its confirmations
            List<String> addressed = bash.run("address", blocks.get(2));
            assertThat(addressed).hasSize(1);
            JsonNode address = ok(addressed.get(0));
            assertThat(address.path("network").asText()).isEqualTo("LOCAL");
            String depositAddress = address.path("address").asText();
            assertThat(depositAddress).matches("0x[0-9a-fA-F]{40}");
            String tx = chain.sendUsdt(PAYER, depositAddress, new BigDecimal("150.25"));
            chain.mine(N - 2);

            List<String> seen = bash.run("seen", blocks.get(3));
            assertThat(seen).hasSize(1);
            JsonNode seenDeposit = onlyOne(ok(seen.get(0)));
            assertThat(seenDeposit.path("txHash").asText()).isEqualToIgnoringCase(tx);
            assertThat(seenDeposit.path("status").asText()).isEqualTo("SEEN");
            assertThat(seenDeposit.path("credited").asBoolean()).isFalse();
            assertThat(seenDeposit.path("confirmations").asInt()).isBetween(1, N - 1);
            assertThat(seenDeposit.path("requiredConfirmations").asInt()).isEqualTo(N);
            assertThat(seenDeposit.path("address").asText()).isEqualToIgnoringCase(depositAddress);
            assertAmount(seenDeposit.path("amount"), "150.25");

            chain.mine(1);
            List<String> credited = bash.run("credited", blocks.get(4));
            assertThat(credited).hasSize(2);
            JsonNode creditedDeposit = onlyOne(ok(credited.get(0)));
            assertThat(creditedDeposit.path("status").asText()).isEqualTo("CONFIRMED");
            assertThat(creditedDeposit.path("credited").asBoolean()).isTrue();
            assertThat(creditedDeposit.path("confirmations").asInt()).isGreaterThanOrEqualTo(N);
            assertAmount(creditedDeposit.path("amount"), "150.25");
            assertThat(byKind(ok(credited.get(1)))).containsExactly(Map.entry("AVAILABLE", new BigDecimal("150.25")));

            // the address book: the user's address (cooling down), another one added and removed
            List<String> book = bash.run("book", blocks.get(5));
            assertThat(book).hasSize(3);
            JsonNode entry = ok(book.get(0));
            String to = entry.path("address").asText();
            assertThat(to).isEqualTo("0x90F79bf6EB2c4f870365E785982E1f101E93b906").isEqualToIgnoringCase(chain.account(3));
            assertThat(entry.path("label").asText()).isEqualTo("my hardware wallet");
            assertThat(entry.path("usable").asBoolean()).isFalse();
            assertThat(ok(book.get(1)).path("label").asText()).isEqualTo("old");
            assertOk(book.get(2));

            List<String> usable = bash.run("usable", blocks.get(6));
            assertThat(usable).hasSize(1);
            JsonNode usableEntry = onlyOne(ok(usable.get(0)));
            assertThat(usableEntry.path("address").asText()).isEqualTo(to);
            assertThat(usableEntry.path("usable").asBoolean()).isTrue();

            // a quote, and two refusals that change nothing
            List<String> quoted = bash.run("quote", blocks.get(7));
            assertThat(quoted).hasSize(3);
            JsonNode quote = ok(quoted.get(0));
            assertAmount(quote.path("amount"), "100");
            assertAmount(quote.path("fee"), "1");
            assertAmount(quote.path("total"), "101");
            assertAmount(quote.path("minAmount"), "2");
            assertAmount(quote.path("dailyLimit"), "20000");
            assertAmount(quote.path("dailyLimitLeft"), "20000");
            assertThat(quote.path("smsRequired").asBoolean()).isFalse();
            assertThat(quote.path("reviewRequired").asBoolean()).isFalse();
            assertCode(quoted.get(1), 15003);
            assertThat(json(quoted.get(1)).path("message").asText()).isEqualTo("the minimum withdrawal is 2 USDT");
            assertCode(quoted.get(2), 15002);
            assertThat(json(quoted.get(2)).path("message").asText()).isEqualTo("amount has more than 6 decimals");
            assertThat(balances("USER", depositOwner(creditedDeposit, credited.get(1)))).containsExactly(Map.entry("AVAILABLE", new BigDecimal("150.25")));

            // the withdrawal: amount + fee held
            BigDecimal before = chain.usdtBalance(to);
            List<String> withdrawn = bash.run("withdraw", blocks.get(8));
            assertThat(withdrawn).hasSize(2);
            JsonNode withdrawal = ok(withdrawn.get(0));
            String withdrawalNo = withdrawal.path("withdrawalNo").asText();
            assertThat(withdrawalNo).matches("W\\d+");
            assertThat(withdrawal.path("clientRef").asText()).isEqualTo("app-w-1");
            assertThat(withdrawal.path("toAddress").asText()).isEqualTo(to);
            assertThat(withdrawal.path("status").asText()).isIn("SENDING", "BROADCAST");
            assertAmount(withdrawal.path("amount"), "100");
            assertAmount(withdrawal.path("fee"), "1");
            String userId = withdrawal.path("ownerRef").asText().replaceFirst("^USER:", "");
            assertThat(userId).matches("\\d+");
            assertThat(byKind(ok(withdrawn.get(1)))).containsEntry("AVAILABLE", new BigDecimal("49.25"))
                    .containsEntry("FROZEN", new BigDecimal("101"));

            // the same requestNo: the same withdrawal, nothing more held; with another amount refused
            List<String> repeated = bash.run("repeat", blocks.get(9));
            assertThat(repeated).hasSize(2);
            assertThat(ok(repeated.get(0)).path("withdrawalNo").asText()).isEqualTo(withdrawalNo);
            assertCode(repeated.get(1), 15005);
            assertThat(json(repeated.get(1)).path("message").asText()).isEqualTo("requestNo already used for a different request");
            assertThat(balances("USER", userId)).containsEntry("AVAILABLE", new BigDecimal("49.25"))
                    .containsEntry("FROZEN", new BigDecimal("101"));

            // the hot wallet sends it (the node puts it in a block at once); the test mines the confirmations on top
            awaitReceived(to, before, "100");
            chain.mine(N);
            List<String> completed = bash.run("completed", blocks.get(10));
            assertThat(completed).hasSize(3);
            JsonNode done = ok(completed.get(0));
            assertThat(done.path("status").asText()).isEqualTo("COMPLETED");
            String txHash = done.path("txHash").asText();
            assertThat(txHash).matches("0x[0-9a-f]{64}");
            JsonNode mine = ok(completed.get(1));
            assertThat(mine.path("total").asLong()).isEqualTo(1);
            assertThat(mine.path("list").get(0).path("withdrawalNo").asText()).isEqualTo(withdrawalNo);
            assertThat(byKind(ok(completed.get(2)))).containsEntry("AVAILABLE", new BigDecimal("49.25"))
                    .containsEntry("FROZEN", new BigDecimal("0"));
            assertThat(chain.receipt(txHash).path("status").asText()).isEqualTo("0x1");
            assertThat(chain.usdtBalance(to).subtract(before)).isEqualByComparingTo("100");

            // an internal transfer to the friend
            List<String> transferred = bash.run("transfer", transfer);
            assertThat(transferred).hasSize(2);
            JsonNode moved = ok(transferred.get(0));
            assertThat(moved.path("transferNo").asText()).isEqualTo("app-t-1");
            assertThat(moved.path("status").asText()).isEqualTo("DONE");
            assertThat(moved.path("toUserId").asLong()).isEqualTo(friendProfile.path("userId").asLong());
            assertAmount(moved.path("amount"), "10");
            JsonNode transfers = ok(transferred.get(1));
            assertThat(transfers.path("total").asLong()).isEqualTo(1);
            assertThat(transfers.path("list").get(0).path("transferNo").asText()).isEqualTo("app-t-1");
            assertThat(balances("USER", friendProfile.path("userId").asText())).containsEntry("AVAILABLE", new BigDecimal("10"));

            // the statement of AVAILABLE, newest first: the transfer, the withdrawal's hold, the deposit
            List<String> statement = bash.run("statement", blocks.get(12));
            assertThat(statement).hasSize(2);
            JsonNode entries = ok(statement.get(0));
            assertThat(entries.path("total").asLong()).isEqualTo(3);
            List<String> lines = new ArrayList<>();
            for (JsonNode e : entries.path("list")) {
                lines.add(e.path("txnType").asText() + " " + new BigDecimal(e.path("amount").asText()).stripTrailingZeros().toPlainString()
                        + " -> " + new BigDecimal(e.path("balanceAfter").asText()).stripTrailingZeros().toPlainString());
            }
            assertThat(lines).containsExactly("TRANSFER -10 -> 39.25", "HOLD -101 -> 49.25", "TRANSFER 150.25 -> 150.25");
            assertThat(byKind(ok(statement.get(1)))).containsEntry("AVAILABLE", new BigDecimal("39.25"))
                    .containsEntry("FROZEN", new BigDecimal("0"));
            assertThat(balances("USER", userId)).containsEntry("AVAILABLE", new BigDecimal("39.25"));
        }
    }

    @Test
    @Order(2)
    void theMerchantApiPayoutExamplesRunAsWritten() throws Exception {
        String page = Files.readString(AppSignatureDocIT.repoRoot().resolve("docs/merchant-api.md"));
        // the order example's first lines (the gateway, the merchant and the helpers), as the Payouts section says
        List<String> bashBlocks = AppSignatureDocIT.bashBlocks(page);
        String order = bashBlocks.get(2);
        assertThat(order).contains("\nBODY=");
        String prelude = order.substring(0, order.indexOf("\nBODY=") + 1);
        List<String> payouts = shBlocks(page.substring(page.indexOf("\n## Payouts\n")));
        assertThat(payouts).hasSize(2);

        Path dir = Files.createTempDirectory("payout-doc");
        AppSignatureDocIT.bash(dir, bashBlocks.get(0)); // the merchant's key pair
        String merchantNo = "DOCPO-" + UUID.randomUUID().toString().substring(0, 6);
        AppClient.Reply onboarded = MoneyFixture.manager.post("/admin-api/merchant/merchants", Map.of("merchantNo", merchantNo,
                "name", "Payout Doc Shop", "ipWhitelist", List.of("127.0.0.1"), "publicKeyPem", Files.readString(dir.resolve("merchant-pub.pem")),
                "reason", "e2e: the payout docs' merchant"));
        assertThat(onboarded.status()).as(onboarded.body().toString()).isEqualTo(200);
        AppClient.Reply funded = finance.post("/admin-api/ledger/credits", Map.of("requestId", "fund-" + merchantNo,
                "owner", Map.of("ownerType", "MERCHANT", "ownerId", merchantNo), "coin", "USDT", "amount", "300", "reason", "e2e: settled sales"));
        assertThat(funded.status()).as(funded.body().toString()).isEqualTo(200);
        Matcher toLine = Pattern.compile("(?m)^TO=(\\S+)").matcher(payouts.get(0));
        assertThat(toLine.find()).isTrue();
        String to = toLine.group(1);
        AppClient.Reply listed = MoneyFixture.manager.send("PUT", "/admin-api/merchant/merchants/" + merchantNo + "/payout-addresses",
                Map.of("payoutAddresses", List.of(Map.of("network", "LOCAL", "address", to)), "reason", "e2e: the shop's treasury"));
        assertThat(listed.status()).as(listed.body().toString()).isEqualTo(200);

        String notifyUrl = "http://127.0.0.1:" + MoneyFixture.merchantEndpoint.getAddress().getPort() + "/notify";
        // the create block again answers the same payout (the same payoutNo and payload): the query after it is the last line
        String createAndQuery = prelude.replace("GW=http://127.0.0.1:8080", "GW=" + mesh.gateway())
                .replaceAll("(?m)^MERCHANT_NO=\\S+", "MERCHANT_NO=" + merchantNo)
                + payouts.get(0).replaceAll("(?m)^PAYOUT_NOTIFY_URL=\\S+", "PAYOUT_NOTIFY_URL=" + notifyUrl) + payouts.get(1);
        BigDecimal before = chain.usdtBalance(to);

        List<String> placed = AppSignatureDocIT.bash(dir, createAndQuery);
        Files.writeString(TRANSCRIPT, "== payout\n" + String.join("\n", placed) + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        assertThat(placed).hasSize(2);
        JsonNode payout = ok(placed.get(0));
        assertThat(payout.path("payoutNo").asText()).isEqualTo("PO-1001");
        assertThat(payout.path("withdrawalNo").asText()).matches("W\\d+");
        assertThat(payout.path("status").asText()).isIn("HOLDING", "SENDING", "BROADCAST");
        assertThat(payout.path("toAddress").asText()).isEqualTo(to);
        assertThat(payout.path("amount").asText()).isEqualTo("25.5");
        assertThat(payout.path("fee").asText()).isEqualTo("1");
        assertThat(ok(placed.get(1)).path("withdrawalNo").asText()).isEqualTo(payout.path("withdrawalNo").asText());

        // the hot wallet sends it (in a block at once); the test mines the confirmations; the doc's query says COMPLETED
        awaitReceived(to, before, "25.5");
        chain.mine(N);
        JsonNode completed = MoneyFixture.await("the payout completed", () -> {
            JsonNode p = ok(AppSignatureDocIT.bash(dir, createAndQuery).get(1));
            return "COMPLETED".equals(p.path("status").asText()) ? p : null;
        });
        Files.writeString(TRANSCRIPT, "== payout completed\n" + completed + "\n", StandardOpenOption.APPEND);
        assertThat(completed.path("txHash").asText()).matches("0x[0-9a-f]{64}");
        assertThat(chain.receipt(completed.path("txHash").asText()).path("status").asText()).isEqualTo("0x1");
        MoneyFixture.Callback callback = MoneyFixture.awaitCallback(c -> merchantNo.equals(c.json().path("merchantNo").asText())
                && "PO-1001".equals(c.json().path("payoutNo").asText()));
        assertThat(callback.json().path("eventType").asText()).isEqualTo("PAYOUT_COMPLETED");
        assertThat(chain.usdtBalance(to).subtract(before)).isEqualByComparingTo("25.5");
        assertThat(balances("MERCHANT", merchantNo).get("AVAILABLE")).isEqualByComparingTo("273.5");
    }

    // ------------------------------------------------------------------ helpers

    /** The user id of the balances answer (the owner of the credited deposit). */
    static String depositOwner(JsonNode deposit, String balancesLine) throws IOException {
        assertThat(deposit.path("credited").asBoolean()).isTrue();
        return ok(balancesLine).get(0).path("ownerId").asText();
    }

    /** Waits until {@code address} holds {@code amount} USDT more on chain than {@code before}: the transfer is in a block. */
    static void awaitReceived(String address, BigDecimal before, String amount) throws Exception {
        MoneyFixture.await(amount + " USDT on chain to " + address,
                () -> chain.usdtBalance(address).subtract(before).compareTo(new BigDecimal(amount)) == 0 ? Boolean.TRUE : null);
    }

    /** The {@code sh} code blocks of a Markdown text, in order. */
    static List<String> shBlocks(String markdown) {
        Matcher m = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL).matcher(markdown);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    static JsonNode json(String line) throws IOException {
        return AppClient.MAPPER.readTree(line);
    }

    static void assertOk(String line) throws IOException {
        assertThat(json(line).path("code").asInt()).as(line).isZero();
    }

    /** The answer's data, once its code is 0. */
    static JsonNode ok(String line) throws IOException {
        assertOk(line);
        return json(line).path("data");
    }

    static void assertCode(String line, int code) throws IOException {
        assertThat(json(line).path("code").asInt()).as(line).isEqualTo(code);
        assertThat(json(line).path("message").asText()).as(line).isNotBlank();
    }

    static JsonNode onlyOne(JsonNode list) {
        assertThat(list.isArray()).as(list.toString()).isTrue();
        assertThat(list.size()).as(list.toString()).isEqualTo(1);
        return list.get(0);
    }

    static void assertAmount(JsonNode value, String expected) {
        assertThat(new BigDecimal(value.asText())).as(value.toString()).isEqualByComparingTo(expected);
    }

    /** kind -> balance of the USDT accounts of a balances answer. */
    static Map<String, BigDecimal> byKind(JsonNode accounts) {
        Map<String, BigDecimal> byKind = new java.util.TreeMap<>();
        for (JsonNode a : accounts) {
            if ("USDT".equals(a.path("coin").asText())) {
                BigDecimal b = new BigDecimal(a.path("balance").asText()).stripTrailingZeros();
                byKind.put(a.path("kind").asText(), b.scale() < 0 ? b.setScale(0) : b);
            }
        }
        return byKind;
    }

    /**
     * One bash ({@code -euo pipefail}) that runs block after block, so the page's variables and functions carry
     * over from one block to the next as they do in the reader's terminal. A block that fails ends the shell.
     */
    static final class BashSession implements AutoCloseable {
        private static final String EOF = "\u0000eof";
        private final Path dir;
        private final Process process;
        private final Writer stdin;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private int blocks;

        BashSession(Path dir) throws IOException {
            this.dir = dir;
            this.process = new ProcessBuilder("bash", "-euo", "pipefail", "-s").directory(dir.toFile()).redirectErrorStream(true).start();
            this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String l = r.readLine(); l != null; l = r.readLine()) {
                        lines.add(l);
                    }
                } catch (IOException ignored) {
                    // the shell ended
                } finally {
                    lines.add(EOF);
                }
            }, "wallet-doc-bash");
            reader.setDaemon(true);
            reader.start();
        }

        /** Runs a block (sourced from a file, so it never reads the session's own input); its non-blank output lines. */
        List<String> run(String name, String block) throws Exception {
            Path file = dir.resolve("block-" + (++blocks) + ".sh");
            Files.writeString(file, block);
            String marker = "--- end of block " + blocks + " ---";
            stdin.write(". '" + file + "' </dev/null\necho '" + marker + "'\n");
            stdin.flush();
            List<String> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (true) {
                String l = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (l == null) {
                    throw new AssertionError("block '" + name + "' did not end within 120 s; its output so far: " + out);
                }
                if (EOF.equals(l)) {
                    throw new AssertionError("bash ended in block '" + name + "' (exit " + process.waitFor() + "): " + out);
                }
                if (l.equals(marker)) {
                    break;
                }
                if (!l.isBlank()) {
                    out.add(l);
                }
            }
            Files.writeString(TRANSCRIPT, "== " + name + "\n" + String.join("\n", out) + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            return out;
        }

        @Override
        public void close() {
            try {
                stdin.close();
            } catch (IOException ignored) {
                // already gone
            }
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }
    }
}
