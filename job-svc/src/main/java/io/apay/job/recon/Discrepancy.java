package io.apay.job.recon;

/**
 * One thing the cross-service reconciliation found wrong: which check ({@code AD_HOLD}, {@code ORPHAN_HOLD},
 * {@code SETTLEMENT}, {@code CALLBACK}, {@code MARGIN}, {@code DEPOSIT}, {@code WITHDRAWAL}, {@code WEALTH}, {@code STUCK_INTENT}),
 * about what ({@code ad:42}, {@code hold:17}, {@code order:P2026...}, {@code acceptor:7}, {@code deposit:ETH:0xab..:3},
 * {@code withdrawal:W12}, {@code product:3}) and the numbers that disagree.
 */
public record Discrepancy(String check, String subject, String detail) {

    /** A discrepancy is the same one in two passes when its check and subject are (the numbers may move). */
    public String key() {
        return check + " " + subject;
    }
}
