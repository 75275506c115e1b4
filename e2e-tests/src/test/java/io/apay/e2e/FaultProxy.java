package io.apay.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy in front of one service, to inject the faults a network and a crash produce. In {@link Mode#PASS} it
 * forwards both ways; in {@link Mode#DOWN} it takes each connection and closes it at once (the caller sees the
 * service as down: nothing reached it); in {@link Mode#LOSE_ANSWER} it forwards the request, lets the service
 * process it, and closes the caller's connection when the answer starts to come back, passing none of it (the
 * caller sees an error whose outcome is unknown, while the service did the work). Changing the mode cuts every
 * connection open at that moment, so a pooled keep-alive connection cannot slip past a new fault.
 */
final class FaultProxy implements AutoCloseable {

    enum Mode { PASS, DOWN, LOSE_ANSWER }

    private final ServerSocket server;
    private final int upstreamPort;
    private final ExecutorService pumps = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-proxy");
        t.setDaemon(true);
        return t;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong lostAnswers = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile Mode mode = Mode.PASS;
    private volatile boolean closed;

    FaultProxy(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        pumps.execute(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    Mode mode() {
        return mode;
    }

    /** Switches the mode; every connection open now is cut, so the next request meets the new mode. */
    void mode(Mode next) {
        mode = next;
        for (Socket s : open) {
            quietly(s);
        }
    }

    /** How many answers {@link Mode#LOSE_ANSWER} swallowed so far (a request the service did process). */
    long lostAnswers() {
        return lostAnswers.get();
    }

    /** How many connections {@link Mode#DOWN} refused so far. */
    long refused() {
        return refused.get();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            Mode now = mode;
            if (now == Mode.DOWN) {
                refused.incrementAndGet();
                quietly(client);
                continue;
            }
            pumps.execute(() -> connect(client, now));
        }
    }

    private void connect(Socket client, Mode connMode) {
        Socket upstream = new Socket();
        try {
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
            upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort), 2000);
        } catch (IOException e) {
            quietly(client);
            quietly(upstream);
            return;
        }
        open.add(client);
        open.add(upstream);
        if (mode != connMode) { // the mode changed while connecting: this connection belongs to the old one
            closeBoth(client, upstream);
            return;
        }
        pumps.execute(() -> pump(client, upstream, false, client, upstream));
        pump(upstream, client, connMode == Mode.LOSE_ANSWER, client, upstream);
    }

    /** Copies from one side to the other until either ends; {@code swallow}: close at the first byte instead. */
    private void pump(Socket from, Socket to, boolean swallow, Socket client, Socket upstream) {
        byte[] buf = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (swallow) {
                    // the service has answered, so it did the work; the caller never hears of it
                    lostAnswers.incrementAndGet();
                    break;
                }
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (SocketException e) {
            // cut by a mode change or by the other side: fine
        } catch (IOException e) {
            // the same, seen as a read or write error
        } finally {
            closeBoth(client, upstream);
        }
    }

    private void closeBoth(Socket client, Socket upstream) {
        open.remove(client);
        open.remove(upstream);
        quietly(client);
        quietly(upstream);
    }

    private static void quietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        mode(Mode.PASS);
        pumps.shutdownNow();
    }
}
