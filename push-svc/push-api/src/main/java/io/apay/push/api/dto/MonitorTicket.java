package io.apay.push.api.dto;

/**
 * A one-time proof that a handshake was checked (and its {@code (deviceId, ts)} spent): the gateway sends it with
 * the upgrade in {@link #HEADER}, push-svc redeems it once, within {@link #TTL_SECONDS} seconds.
 */
public record MonitorTicket(String ticket) {

    public static final String HEADER = "X-Apay-Monitor-Ticket";
    public static final int TTL_SECONDS = 30;
}
