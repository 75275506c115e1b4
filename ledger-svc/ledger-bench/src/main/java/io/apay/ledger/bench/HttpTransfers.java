package io.apay.ledger.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The lean load generator's connection: POSTs transfers to ledger-server over one kept-alive HTTP/1.1 socket, with
 * the mesh credential a calling service sends ({@code X-Apay-Auth}, HMAC-SHA256 under {@code APAY_MESH_KEY}; see
 * MeshAuth in common-core), and reads the answer with as little work as a socket allows. A general HTTP client (or
 * JMeter) spends a good part of a core per thousand requests on this 2-core machine, where the server runs too.
 */
final class HttpTransfers implements ClosedLoop.Worker {

    static final String PATH = "/rpc-api/ledger/transfers";
    private static final byte[] OK_CODE = "\"code\":0".getBytes(StandardCharsets.US_ASCII);

    private final String host;
    private final int port;
    private final String keyPrefix;
    private final boolean hot;
    private final int users;
    private final Mac mac;
    private final SplittableRandom random;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream(1024);
    private Socket socket;
    private OutputStream out;
    private InputStream in;
    private int readTimeoutMillis = 30_000;
    private long current = -1;
    private int from;
    private int to;

    /** A connection that only {@link #post}s (no transfers of its own) and waits up to 10 minutes for an answer. */
    HttpTransfers(String host, int port, String meshKeyBase64) throws GeneralSecurityException {
        this(host, port, "once", "uniform", 0, 2, meshKeyBase64);
        readTimeoutMillis = 600_000; // reconciling millions of postings takes a while
    }

    HttpTransfers(String host, int port, String label, String mode, int thread, int users, String meshKeyBase64)
            throws GeneralSecurityException {
        this.host = host;
        this.port = port;
        this.keyPrefix = "h:" + label + ":" + mode + ":" + thread + ":";
        this.hot = "hot".equals(mode);
        this.users = users;
        this.mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(meshKeyBase64.trim()), "HmacSHA256"));
        this.random = new SplittableRandom(label.hashCode() * 31L + thread);
    }

    /** Transfer {@code n}; a retry of the same {@code n} sends the same request (same key, same accounts). */
    @Override
    public boolean transfer(long n) throws IOException {
        if (n != current) {
            current = n;
            from = random.nextInt(users / 2);
            to = users / 2 + random.nextInt(users - users / 2);
        }
        String json = "{\"idempotencyKey\":\"" + keyPrefix + n + "\",\"bizRef\":\"bench\",\"legs\":[{\"from\":{\"ownerType\":\"USER\","
                + "\"ownerId\":\"u" + from + "\",\"coin\":\"USDT\",\"kind\":\"AVAILABLE\"},\"to\":{"
                + (hot ? "\"ownerType\":\"MERCHANT\",\"ownerId\":\"hot\"" : "\"ownerType\":\"USER\",\"ownerId\":\"u" + to + "\"")
                + ",\"coin\":\"USDT\",\"kind\":\"AVAILABLE\"},\"amount\":\"0.01\"}]}";
        return post(PATH, json);
    }

    /** POSTs a JSON body with the mesh credential; true for 200 with {@code "code":0}; the answer stays in {@link #answer()}. */
    boolean post(String path, String json) throws IOException {
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);
        long ts = System.currentTimeMillis();
        String credential = ts + "." + HexFormat.of().formatHex(
                mac.doFinal(("APAY-MESH-1\n" + ts + "\nPOST\n" + path + "\n").getBytes(StandardCharsets.UTF_8)));
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nContent-Type: application/json\r\n"
                + "X-Apay-Auth: " + credential + "\r\nContent-Length: " + payload.length + "\r\n\r\n";
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(readTimeoutMillis);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 8192);
        }
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[headBytes.length + payload.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(payload, 0, request, headBytes.length, payload.length);
        out.write(request);
        out.flush();
        return readAnswer();
    }

    /** The body of the last answer. */
    String answer() {
        return body.toString(StandardCharsets.UTF_8);
    }

    /** Reads one answer (Content-Length or chunked); true for 200 with {@code "code":0}. */
    private boolean readAnswer() throws IOException {
        String status = line();
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        for (String h = line(); !h.isEmpty(); h = line()) {
            String lower = h.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        body.reset();
        if (chunked) {
            for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                 size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                copy(size);
                line();
            }
            while (!line().isEmpty()) {
                // trailers
            }
        } else if (length >= 0) {
            copy(length);
        } else {
            close = true;
            in.transferTo(body);
        }
        if (close) {
            recover();
        }
        return code == 200 && contains(body.toByteArray(), OK_CODE);
    }

    private void copy(long n) throws IOException {
        for (long i = 0; i < n; i++) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException();
            }
            body.write(b);
        }
    }

    private String line() throws IOException {
        StringBuilder s = new StringBuilder(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException();
            }
            if (b != '\r') {
                s.append((char) b);
            }
        }
        return s.toString();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Drops the connection; the next transfer opens a new one. */
    @Override
    public void recover() throws IOException {
        if (socket != null) {
            socket.close();
        }
        socket = null;
    }

    @Override
    public void close() throws IOException {
        recover();
    }
}
