import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The demo merchant's notify endpoint (bin/apay demo): a tiny HTTP server on loopback that keeps every callback
 * the platform POSTs to /notify - the exact body bytes in DIR/callback-N.body, the headers in DIR/callback-N.headers -
 * and answers "success", as docs/merchant-api.md asks a merchant to. It writes its port to DIR/port once it listens.
 *
 * <pre>java bin/demo/MerchantEndpoint.java DIR</pre>
 *
 * Runs until it is stopped.
 */
public class MerchantEndpoint {

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java bin/demo/MerchantEndpoint.java DIR");
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        AtomicInteger count = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/notify", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            StringBuilder headers = new StringBuilder();
            for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
                for (String value : h.getValue()) {
                    headers.append(h.getKey()).append(": ").append(value).append('\n');
                }
            }
            String name = "callback-" + count.incrementAndGet();
            Files.writeString(dir.resolve(name + ".headers"), headers, StandardCharsets.UTF_8);
            // the body last, renamed into place: whoever waits for it finds it (and the headers) complete
            Path partial = dir.resolve(name + ".body.partial");
            Files.write(partial, body);
            Files.move(partial, dir.resolve(name + ".body"), StandardCopyOption.ATOMIC_MOVE);
            System.out.println(Instant.now() + " " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + " -> "
                    + name + " (" + body.length + " bytes), answered success");
            byte[] ok = "success".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, ok.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(ok);
            }
        });
        server.start();
        Path port = dir.resolve("port");
        Files.writeString(dir.resolve("port.partial"), Integer.toString(server.getAddress().getPort()));
        Files.move(dir.resolve("port.partial"), port, StandardCopyOption.ATOMIC_MOVE);
        System.out.println(Instant.now() + " listening on http://127.0.0.1:" + server.getAddress().getPort() + "/notify");
    }
}
