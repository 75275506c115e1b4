package io.apay.merchant.service.callback;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code apay.merchant.callbacks.*}. */
@ConfigurationProperties("apay.merchant.callbacks")
public class CallbackProperties {

    /**
     * The published retry schedule: the waits after the 1st, 2nd, ... failed attempt (docs/merchant-api.md), about
     * 25 hours in all. After the last one the delivery gives up (a merchant or operator can still redeliver).
     */
    private List<Duration> retrySchedule = new ArrayList<>(List.of(
            Duration.ofSeconds(15), Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofMinutes(3),
            Duration.ofMinutes(10), Duration.ofMinutes(20), Duration.ofMinutes(30), Duration.ofHours(1),
            Duration.ofHours(2), Duration.ofHours(6), Duration.ofHours(15)));
    /** For the notify URL's lookup, and for each connection to one of its addresses. */
    private Duration connectTimeout = Duration.ofSeconds(3);
    /** The whole attempt: lookup, connections, request and answer. */
    private Duration requestTimeout = Duration.ofSeconds(10);
    /**
     * How long an attempt holds its delivery: longer than connect and request timeouts together. An attempt still
     * running after that is taken for dead; its result, when it comes, is dropped.
     */
    private Duration lease = Duration.ofSeconds(60);
    /**
     * Whether notify URLs may point at loopback, private or link-local addresses. Off in production (a merchant must
     * not make the platform call into its own network); on for a local mesh and tests.
     */
    private boolean allowPrivateTargets = false;

    public List<Duration> getRetrySchedule() {
        return retrySchedule;
    }

    public void setRetrySchedule(List<Duration> retrySchedule) {
        this.retrySchedule = retrySchedule;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public Duration getLease() {
        return lease;
    }

    public void setLease(Duration lease) {
        this.lease = lease;
    }

    public boolean isAllowPrivateTargets() {
        return allowPrivateTargets;
    }

    public void setAllowPrivateTargets(boolean allowPrivateTargets) {
        this.allowPrivateTargets = allowPrivateTargets;
    }
}
