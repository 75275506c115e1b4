package io.apay.common.mq;

/**
 * Every exchange and queue name is built here. The prefix is empty in a deployment; each integration test gets
 * its own, so test runs never share a queue.
 */
public class MqNames {

    private final String prefix;

    public MqNames(String prefix) {
        this.prefix = prefix == null ? "" : prefix;
    }

    public String prefix() {
        return prefix;
    }

    /** The topic exchange of a domain: {@code apay.<domain>}. */
    public String exchange(String domain) {
        return prefix + "apay." + domain;
    }

    /** A consumer's queue, named {@code <consumer>.<purpose>}, e.g. {@code otc.payment-received}. */
    public String queue(String name) {
        return prefix + name;
    }

    /** Where rejected messages go: one direct exchange, routed by the original queue's name. */
    public String deadLetterExchange() {
        return prefix + "apay.dlx";
    }

    public String deadLetterQueue(String queue) {
        return queue(queue) + ".dlq";
    }

    /** Where messages no queue is bound for go, instead of vanishing. */
    public String unroutedExchange() {
        return prefix + "apay.unrouted";
    }

    public String unroutedQueue() {
        return prefix + "apay.unrouted";
    }
}
