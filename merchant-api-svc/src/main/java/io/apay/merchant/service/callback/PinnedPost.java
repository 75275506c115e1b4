package io.apay.merchant.service.callback;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One HTTP/1.1 POST to addresses already resolved and checked, so the connection cannot be sent elsewhere by a
 * second DNS answer (the JDK's client resolves the name itself and offers no way to pin it). The addresses are
 * tried in turn until one accepts the connection (the request is sent once, over that one). The URL's host stays
 * the Host header, the TLS server name and the name the certificate must match. The whole exchange, slow or not,
 * ends by the deadline; only the first {@code maxBody} bytes of the answer are read.
 */
final class PinnedPost {

    record Response(int status, byte[] bodyPrefix, boolean truncated) {
    }

    /** The connection could not be made within the connect timeout. */
    static final class ConnectTimeout extends IOException {
        ConnectTimeout() {
            super("connect timeout");
        }
    }

    private static final int MAX_LINE = 8 * 1024;
    private static final int MAX_HEADERS = 100;

    private PinnedPost() {
    }

    /** {@code deadline}: a {@link System#nanoTime()} by which the whole exchange ends. */
    static Response post(URI uri, List<InetAddress> addresses, Map<String, String> headers, byte[] body, int connectTimeoutMs,
                         long deadline, int maxBody) throws IOException {
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
        Socket socket = connect(addresses, port, connectTimeoutMs, deadline);
        try {
            socket.setSoTimeout(remaining(deadline));
            Socket s = https ? tls(socket, bare(uri.getHost()), port, deadline) : socket;
            OutputStream out = s.getOutputStream();
            out.write(head(uri, port, https, headers, body.length).getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return read(new Reader(s, deadline), maxBody);
        } finally {
            socket.close();
        }
    }

    /** A connection to the first address that accepts one, each tried for the connect timeout while time is left. */
    private static Socket connect(List<InetAddress> addresses, int port, int connectTimeoutMs, long deadline) throws IOException {
        IOException failure = new ConnectTimeout();
        for (InetAddress address : addresses) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                failure = new ConnectTimeout();
                break;
            }
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, port), (int) Math.min(connectTimeoutMs, left));
                return socket;
            } catch (SocketTimeoutException e) {
                socket.close();
                failure = new ConnectTimeout();
            } catch (IOException e) {
                socket.close();
                failure = e;
            }
        }
        throw failure;
    }

    private static Socket tls(Socket plain, String host, int port, long deadline) throws IOException {
        SSLContext context;
        try {
            context = SSLContext.getDefault();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IOException(e);
        }
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
        SSLParameters params = ssl.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the URL's host
        if (!host.contains(":") && !host.matches("[0-9.]+")) { // no server name for an address literal
            params.setServerNames(List.of(new SNIHostName(host)));
        }
        ssl.setSSLParameters(params);
        ssl.setSoTimeout(remaining(deadline));
        ssl.startHandshake();
        return ssl;
    }

    /**
     * The host as TLS names it: an IPv6 literal without the URI's brackets (the JDK's own trust manager strips them,
     * but the certificate check must not depend on which one is installed).
     */
    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static String head(URI uri, int port, boolean https, Map<String, String> headers, int length) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        boolean defaultPort = port == (https ? 443 : 80);
        StringBuilder h = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(uri.getHost()).append(defaultPort ? "" : ":" + port).append("\r\n");
        headers.forEach((k, v) -> h.append(k).append(": ").append(v).append("\r\n"));
        return h.append("Content-Length: ").append(length).append("\r\nConnection: close\r\n\r\n").toString();
    }

    private static Response read(Reader in, int maxBody) throws IOException {
        int status;
        long contentLength = -1;
        boolean chunked = false;
        do { // an interim 1xx answer is followed by the real one
            String statusLine = in.line();
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("\\d{3}")) {
                throw new IOException("not an HTTP answer");
            }
            status = Integer.parseInt(parts[1]);
            for (int i = 0; ; i++) {
                String line = in.line();
                if (line.isEmpty()) {
                    break;
                }
                if (i == MAX_HEADERS) {
                    throw new IOException("too many headers");
                }
                int colon = line.indexOf(':');
                if (colon > 0) {
                    String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                    String value = line.substring(colon + 1).trim();
                    if (name.equals("content-length")) {
                        contentLength = value.matches("\\d{1,18}") ? Long.parseLong(value) : -1;
                    } else if (name.equals("transfer-encoding")) {
                        chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    }
                }
            }
        } while (status / 100 == 1);
        byte[] buf = new byte[maxBody + 1]; // one more than kept, to know whether there was more
        int n = 0;
        if (chunked) {
            while (n < buf.length) {
                String size = in.line();
                int semi = size.indexOf(';');
                long chunk;
                try {
                    chunk = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                } catch (NumberFormatException e) {
                    throw new IOException("bad chunk size");
                }
                if (chunk == 0) {
                    break;
                }
                for (long i = 0; i < chunk && n < buf.length; i++) {
                    buf[n++] = (byte) in.byteOrEof();
                }
                if (n < buf.length) {
                    in.line();
                }
            }
        } else {
            long limit = contentLength >= 0 ? Math.min(contentLength, buf.length) : buf.length;
            for (int b; n < limit && (b = in.readOrEof()) != -1; ) {
                buf[n++] = (byte) b;
            }
        }
        boolean truncated = n > maxBody;
        return new Response(status, Arrays.copyOf(buf, Math.min(n, maxBody)), truncated);
    }

    private static int remaining(long deadline) throws SocketTimeoutException {
        long ms = (deadline - System.nanoTime()) / 1_000_000;
        if (ms <= 0) {
            throw new SocketTimeoutException("request timeout");
        }
        return (int) Math.min(ms, Integer.MAX_VALUE);
    }

    /** Reads byte by byte (through a buffer), each read bounded by what is left of the request timeout. */
    private static final class Reader {
        private final Socket socket;
        private final InputStream in;
        private final long deadline;
        private final byte[] buf = new byte[4096];
        private int pos;
        private int len;

        Reader(Socket socket, long deadline) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.deadline = deadline;
        }

        int readOrEof() throws IOException {
            if (pos == len) {
                socket.setSoTimeout(remaining(deadline));
                len = in.read(buf);
                pos = 0;
                if (len <= 0) {
                    len = 0;
                    return -1;
                }
            }
            return buf[pos++] & 0xff;
        }

        int byteOrEof() throws IOException {
            int b = readOrEof();
            if (b == -1) {
                throw new IOException("answer ended early");
            }
            return b;
        }

        String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int b; (b = byteOrEof()) != '\n'; ) {
                if (line.length() == MAX_LINE) {
                    throw new IOException("line too long");
                }
                line.append((char) b);
            }
            int end = line.length();
            return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
        }
    }
}
