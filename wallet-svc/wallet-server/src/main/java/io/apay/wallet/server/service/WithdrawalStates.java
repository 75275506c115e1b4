package io.apay.wallet.server.service;

import io.apay.wallet.api.dto.WithdrawalView;
import io.apay.wallet.api.enums.WithdrawalStatus;
import io.apay.wallet.server.dal.dataobject.WithdrawalDO;
import java.math.RoundingMode;
import java.time.ZoneOffset;

/**
 * The local states of a withdrawal: {@link WithdrawalStatus}'s, plus the two intents of the ledger's last step,
 * SETTLING and RELEASING, which the owner sees as the state before (the hold is not resolved yet).
 */
public final class WithdrawalStates {

    public static final String HOLDING = "HOLDING";
    public static final String REVIEW = "REVIEW";
    public static final String SENDING = "SENDING";
    public static final String BROADCAST = "BROADCAST";
    public static final String SETTLING = "SETTLING";
    public static final String RELEASING = "RELEASING";
    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";
    public static final String REJECTED = "REJECTED";

    private WithdrawalStates() {
    }

    public static WithdrawalStatus shown(WithdrawalDO w) {
        return switch (w.getStatus()) {
            case SETTLING -> WithdrawalStatus.BROADCAST;
            case RELEASING -> REJECTED.equals(w.getEnding()) ? WithdrawalStatus.REVIEW
                    : w.getTxHash() != null ? WithdrawalStatus.BROADCAST : WithdrawalStatus.SENDING;
            default -> WithdrawalStatus.valueOf(w.getStatus());
        };
    }

    /** The owner's view; amounts at the coin's scale (the column keeps 18 decimals). */
    public static WithdrawalView view(WithdrawalDO w, int scale) {
        return new WithdrawalView(w.getWithdrawalNo(), w.getOwnerRef(), w.getClientRef(), w.getNetwork(), w.getCoin(), w.getToAddress(),
                w.getAmount().setScale(scale, RoundingMode.UNNECESSARY), w.getFee().setScale(scale, RoundingMode.UNNECESSARY), shown(w), w.getTxHash(), w.getFailureReason(),
                w.getCreatedAt().toInstant(ZoneOffset.UTC), w.getUpdatedAt().toInstant(ZoneOffset.UTC));
    }
}
