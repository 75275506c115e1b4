package io.apay.push.simulator;

/** The server refused the WebSocket upgrade: HTTP status and the error envelope it answered. */
public class HandshakeRefusedException extends RuntimeException {

    private final int status;
    private final String body;

    public HandshakeRefusedException(int status, String body) {
        super("handshake refused: HTTP " + status + " " + body);
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }
}
