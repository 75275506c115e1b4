package io.apay.push.server.service.session;

/**
 * What one push-svc replica tells another through RabbitMQ (exchange {@code apay.push.node}, routing key = the
 * replica's node id). {@code deliver}: send stored message {@code messageId} to the acceptor's connection of
 * {@code epoch}; {@code kick}: close that connection ({@code closeCode}).
 */
public record NodeCommand(String kind, long acceptorId, long epoch, String messageId, String type, String fields,
                          int hops, int closeCode) {

    public static final String DELIVER = "deliver";
    public static final String KICK = "kick";

    public static NodeCommand deliver(long acceptorId, long epoch, String messageId, String type, String fields, int hops) {
        return new NodeCommand(DELIVER, acceptorId, epoch, messageId, type, fields, hops, 0);
    }

    public static NodeCommand kick(long acceptorId, long epoch, int closeCode) {
        return new NodeCommand(KICK, acceptorId, epoch, null, null, null, 0, closeCode);
    }
}
