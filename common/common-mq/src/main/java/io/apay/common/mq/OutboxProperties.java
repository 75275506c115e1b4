package io.apay.common.mq;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code apay.outbox.*}: how the relay polls and retries. */
@ConfigurationProperties("apay.outbox")
public class OutboxProperties {

    /** Turn the relay off in a process that must not send (a test of the outbox table alone). */
    private boolean relayEnabled = true;
    /** How often the relay looks for due events when no commit woke it up. */
    private Duration pollInterval = Duration.ofSeconds(1);
    private int batchSize = 100;
    /**
     * How long a row written while the relay runs waits before a poll may send it: the relay it is handed over to
     * after the commit sends it long before; the poll sends it only if that never happened (the process died, the
     * broker did not confirm). Keep it well above {@code confirm-timeout}: a row that waited for its handover longer
     * than the grace less the confirm timeout is left to the poll.
     */
    private Duration handOverGrace = Duration.ofSeconds(15);
    /** How long to wait for the broker's confirm of one batch. */
    private Duration confirmTimeout = Duration.ofSeconds(5);
    /** How long sent events and consumed-event marks are kept (consumers de-duplicate within this window). */
    private Duration retention = Duration.ofDays(30);

    public boolean isRelayEnabled() {
        return relayEnabled;
    }

    public void setRelayEnabled(boolean relayEnabled) {
        this.relayEnabled = relayEnabled;
    }

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public Duration getHandOverGrace() {
        return handOverGrace;
    }

    public void setHandOverGrace(Duration handOverGrace) {
        this.handOverGrace = handOverGrace;
    }

    public Duration getConfirmTimeout() {
        return confirmTimeout;
    }

    public void setConfirmTimeout(Duration confirmTimeout) {
        this.confirmTimeout = confirmTimeout;
    }

    public Duration getRetention() {
        return retention;
    }

    public void setRetention(Duration retention) {
        this.retention = retention;
    }
}
