package io.apay.push.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The monitor simulator on the command line (docs/monitor-protocol.md, "Simulator"):
 * <pre>
 * register --http URL (--user-id N | --token T) [--name NAME]
 *     registers a device; prints {"deviceId":...,"deviceSecret":...}
 * run --ws URL --acceptor N --device ID --secret S (--user-id-header | --token T)
 *     [--report CHANNEL:AMOUNT:CURRENCY[:REMARK]] [--pay-assigned] [--pay-delay 1s] [--duration 60s] [--stdin]
 *     connects, answers pings, acks messages, prints every frame; --report sends one signed payment report
 *     after the welcome and exits on its answer; --pay-assigned reports a payment of each order.assigned's
 *     payable amount (what a buyer paying that order looks like) after --pay-delay; --stdin takes commands
 *     from standard input, one a line ("report CHANNEL:AMOUNT:CURRENCY[:REMARK]"), and closes at its end
 * </pre>
 * Exit code 0 on success, 1 when the server refused or answered an error, 2 for a bad command line.
 */
public final class MonitorSimulatorCli {

    private static final Set<String> FLAGS = Set.of("user-id-header", "pay-assigned", "stdin");

    private MonitorSimulatorCli() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage("a command is required");
        }
        Map<String, String> opts = parse(args);
        int code = switch (args[0]) {
            case "register" -> register(opts);
            case "run" -> run(opts);
            default -> usage("unknown command " + args[0]);
        };
        System.exit(code);
    }

    private static int register(Map<String, String> o) throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(required(o, "http") + "/app-api/push/devices"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + o.getOrDefault("name", "simulator") + "\"}"));
        if (o.containsKey("token")) {
            req.header("Authorization", "Bearer " + o.get("token"));
        }
        if (o.containsKey("user-id")) {
            req.header("X-Apay-User-Id", o.get("user-id"));
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(req.build(), HttpResponse.BodyHandlers.ofString());
        System.out.println(r.body());
        return r.statusCode() / 100 == 2 ? 0 : 1;
    }

    private static int run(Map<String, String> o) throws Exception {
        long acceptorId = Long.parseLong(required(o, "acceptor"));
        MonitorCredentials creds = new MonitorCredentials(acceptorId, required(o, "device"), required(o, "secret"),
                o.get("token"), o.containsKey("user-id-header"));
        Duration payDelay = duration(o.getOrDefault("pay-delay", "1s"));
        HttpClient http = HttpClient.newHttpClient();
        MonitorClient client;
        try {
            client = MonitorClient.start(http, URI.create(required(o, "ws")), creds, true, Duration.ofSeconds(10));
        } catch (HandshakeRefusedException e) {
            System.out.println("refused " + e.status() + " " + e.body());
            return 1;
        }
        CountDownLatch done = new CountDownLatch(1);
        client.onFrame(frame -> {
            String type = frame.path("type").asText();
            if (!"welcome".equals(type) && (!"ping".equals(type) || o.containsKey("show-pings"))) {
                System.out.println(Instant.now() + " < " + frame);
            }
            if (o.containsKey("pay-assigned") && "order.assigned".equals(frame.path("type").asText())) {
                new Thread(() -> payOrder(client, frame, payDelay), "pay-order").start();
            }
        });
        JsonNode welcome = client.awaitWelcome(Duration.ofSeconds(10));
        System.out.println(Instant.now() + " < " + welcome);
        if (o.containsKey("report")) {
            String[] p = reportSpec(o.get("report"));
            if (p == null) {
                return usage("--report is CHANNEL:AMOUNT:CURRENCY[:REMARK]");
            }
            JsonNode answer = client.reportPayment(o.getOrDefault("notification-id", UUID.randomUUID().toString()),
                    p[0], p[1], p[2], p[3], Instant.now()).get(10, TimeUnit.SECONDS);
            client.close(); // the answer was printed as it arrived
            return "ack".equals(answer.path("type").asText()) ? 0 : 1;
        }
        if (o.containsKey("stdin")) {
            return commands(client, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        }
        client.closeCode().thenRun(done::countDown);
        boolean closedByServer = done.await(duration(o.getOrDefault("duration", "60s")).toMillis(), TimeUnit.MILLISECONDS);
        if (closedByServer) {
            System.out.println("closed by the server: " + client.closeCode().join());
            return 1;
        }
        client.close();
        return 0;
    }

    /**
     * {@code --stdin}: a monitor driven line by line (the demo does this while the buyer "pays"). Each line
     * {@code report CHANNEL:AMOUNT:CURRENCY[:REMARK]} sends one signed payment report with a new notification id; its
     * answer is printed as it arrives. The end of the input closes the monitor. Exit code 0, or 1 if the server
     * closed the socket, a report was not acknowledged or a line was not a command.
     */
    private static int commands(MonitorClient client, BufferedReader in) throws InterruptedException {
        CountDownLatch ended = new CountDownLatch(1);
        AtomicInteger result = new AtomicInteger();
        client.closeCode().thenRun(ended::countDown);
        Thread reader = new Thread(() -> {
            try {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.isBlank()) {
                        continue;
                    }
                    String[] p = reportCommand(line);
                    if (p == null) {
                        System.out.println("unknown command: " + line + " (expected: report CHANNEL:AMOUNT:CURRENCY[:REMARK])");
                        result.set(1);
                        continue;
                    }
                    String notificationId = "n-" + UUID.randomUUID();
                    System.out.println(Instant.now() + " > payment.received " + p[0] + " " + p[1] + " " + p[2]
                            + " notificationId=" + notificationId);
                    JsonNode answer = client.reportPayment(notificationId, p[0], p[1], p[2], p[3], Instant.now())
                            .get(10, TimeUnit.SECONDS);
                    if (!"ack".equals(answer.path("type").asText())) {
                        result.set(1);
                    }
                }
            } catch (Exception e) {
                System.out.println("command failed: " + e);
                result.set(1);
            }
            ended.countDown();
        }, "stdin-commands");
        reader.setDaemon(true);
        reader.start();
        ended.await();
        if (client.closeCode().isDone()) {
            System.out.println("closed by the server: " + client.closeCode().join());
            return 1;
        }
        client.close();
        return result.get();
    }

    /** A {@code --stdin} line: {@code report CHANNEL:AMOUNT:CURRENCY[:REMARK]} as its four parts, or null. */
    static String[] reportCommand(String line) {
        String trimmed = line.strip();
        if (!trimmed.startsWith("report ")) {
            return null;
        }
        return reportSpec(trimmed.substring("report ".length()).strip());
    }

    /** {@code CHANNEL:AMOUNT:CURRENCY[:REMARK]} as channel, amount, currency and remark ("" if none), or null. */
    static String[] reportSpec(String spec) {
        String[] p = spec.split(":", 4);
        if (p.length < 3 || p[0].isEmpty() || p[1].isEmpty() || p[2].isEmpty()) {
            return null;
        }
        return new String[] {p[0], p[1], p[2], p.length > 3 ? p[3] : ""};
    }

    private static void payOrder(MonitorClient client, JsonNode order, Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            JsonNode answer = client.reportPayment("pay-" + order.path("orderId").asText(), order.path("channel").asText(),
                    order.path("payableAmount").asText(), order.path("currency").asText(), "order " + order.path("orderId").asText(),
                    Instant.now()).get(10, TimeUnit.SECONDS);
            if (!"ack".equals(answer.path("type").asText())) {
                System.out.println("payment report for order " + order.path("orderId").asText() + " refused");
            }
        } catch (Exception e) {
            System.out.println("payment report for order " + order.path("orderId").asText() + " failed: " + e);
        }
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                usage("unexpected " + args[i]);
            }
            String key = args[i].substring(2);
            if (FLAGS.contains(key) || key.equals("show-pings")) {
                o.put(key, "true");
            } else if (i + 1 < args.length) {
                o.put(key, args[++i]);
            } else {
                usage("--" + key + " needs a value");
            }
        }
        return o;
    }

    static Duration duration(String text) {
        String t = text.trim().toLowerCase();
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        if (t.endsWith("s")) {
            return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        if (t.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        return Duration.ofSeconds(Long.parseLong(t));
    }

    private static String required(Map<String, String> o, String key) {
        String v = o.get(key);
        if (v == null) {
            usage("--" + key + " is required");
        }
        return v;
    }

    private static int usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: register --http URL (--user-id N | --token T) [--name NAME]");
        System.err.println("       run --ws URL --acceptor N --device ID --secret S (--user-id-header | --token T)");
        System.err.println("           [--report CHANNEL:AMOUNT:CURRENCY[:REMARK]] [--notification-id ID]");
        System.err.println("           [--pay-assigned] [--pay-delay 1s] [--duration 60s] [--show-pings] [--stdin]");
        System.exit(2);
        return 2;
    }
}
