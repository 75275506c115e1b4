package io.apay.job.recon;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code apay.job.cross-service-reconciliation.*} (docs/reconciliation.md). */
@ConfigurationProperties("apay.job.cross-service-reconciliation")
public class ReconProperties {

    /** How often the scheduled run happens, once across all job-svc replicas. */
    private Duration interval = Duration.ofHours(1);
    private Duration initialDelay = Duration.ofMinutes(5);
    /** How long a cross-service intent (OPENING, CLOSING, APPROVING, LEAVING, PAID) may take before it is STUCK_INTENT. */
    private Duration grace = Duration.ofMinutes(10);
    /** How long an ended order's callback may take to be recorded (outbox, RabbitMQ). */
    private Duration callbackGrace = Duration.ofMinutes(2);
    /** The orders window of a run without {@code since}: orders that ended in the last {@code window}. */
    private Duration window = Duration.ofHours(25);
    /** A pass that finds discrepancies is repeated this many times, this far apart; only those found every time count. */
    private int rechecks = 2;
    private Duration recheckDelay = Duration.ofSeconds(2);
    /** Page size of every read (otc and the ledger accept up to 1000). */
    private int pageSize = 500;
    /** How long a withdrawal handed to the chain may wait for the chain's outcome (CONFIRMED or FAILED). */
    private Duration chainGrace = Duration.ofHours(1);
    /** Whether wallet-svc and chain-bridge-svc are read and their checks run (DEPOSIT, WITHDRAWAL, their STUCK_INTENT). */
    private WalletChecks walletChecks = WalletChecks.AUTO;
    /** Whether wealth-svc is read and its check runs (WEALTH, its STUCK_INTENT); the same three choices, for wealth-svc alone. */
    private WalletChecks wealthChecks = WalletChecks.AUTO;

    /** {@link #walletChecks}: a mesh without wallet-svc or chain-bridge-svc (an older one) still reconciles otc-svc. */
    public enum WalletChecks {
        /** Read them when discovery knows an instance of both; otherwise skip their checks and say so in the run. */
        AUTO,
        /** Always read them: one that cannot be read fails the run like any other read. */
        ON,
        /** Never read them (the run says so). */
        OFF
    }

    public Duration getInterval() {
        return interval;
    }

    public void setInterval(Duration interval) {
        this.interval = interval;
    }

    public Duration getInitialDelay() {
        return initialDelay;
    }

    public void setInitialDelay(Duration initialDelay) {
        this.initialDelay = initialDelay;
    }

    public Duration getGrace() {
        return grace;
    }

    public void setGrace(Duration grace) {
        this.grace = grace;
    }

    public Duration getCallbackGrace() {
        return callbackGrace;
    }

    public void setCallbackGrace(Duration callbackGrace) {
        this.callbackGrace = callbackGrace;
    }

    public Duration getWindow() {
        return window;
    }

    public void setWindow(Duration window) {
        this.window = window;
    }

    public int getRechecks() {
        return rechecks;
    }

    public void setRechecks(int rechecks) {
        this.rechecks = rechecks;
    }

    public Duration getRecheckDelay() {
        return recheckDelay;
    }

    public void setRecheckDelay(Duration recheckDelay) {
        this.recheckDelay = recheckDelay;
    }

    public int getPageSize() {
        return pageSize;
    }

    public void setPageSize(int pageSize) {
        this.pageSize = pageSize;
    }

    public Duration getChainGrace() {
        return chainGrace;
    }

    public void setChainGrace(Duration chainGrace) {
        this.chainGrace = chainGrace;
    }

    public WalletChecks getWalletChecks() {
        return walletChecks;
    }

    public void setWalletChecks(WalletChecks walletChecks) {
        this.walletChecks = walletChecks;
    }

    public WalletChecks getWealthChecks() {
        return wealthChecks;
    }

    public void setWealthChecks(WalletChecks wealthChecks) {
        this.wealthChecks = wealthChecks;
    }
}
