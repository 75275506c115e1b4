package io.apay.chainbridge.server.service;

import io.apay.chainbridge.api.dto.ChainDepositView;
import io.apay.chainbridge.api.dto.ChainWithdrawalView;
import io.apay.chainbridge.api.enums.ChainDepositStatus;
import io.apay.chainbridge.api.enums.ChainWithdrawalStatus;
import io.apay.chainbridge.server.dal.dataobject.DepositDO;
import io.apay.chainbridge.server.dal.dataobject.WithdrawalDO;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Rows to the API's views. */
public final class Views {

    private Views() {
    }

    public static ChainDepositView deposit(DepositDO d) {
        return new ChainDepositView(d.getId(), d.getNetwork(), d.getCoin(), d.getTxHash(), d.getLogIndex(), d.getAddress(),
                d.getOwnerRef(), plain(d.getAmount()),
                d.getBlockNumber(), d.getBlockHash(), d.getConfirmations(), d.getRequiredConfirmations(),
                ChainDepositStatus.valueOf(d.getStatus()), instant(d.getSeenAt()), instant(d.getConfirmedAt()),
                d.getConfirmSeq());
    }

    public static ChainWithdrawalView withdrawal(WithdrawalDO w) {
        return new ChainWithdrawalView(w.getWithdrawalId(), w.getNetwork(), w.getCoin(), w.getToAddress(), plain(w.getAmount()),
                ChainWithdrawalStatus.valueOf(w.getStatus()), w.getTxHash(), w.getBlockNumber(),
                w.getConfirmations() == null ? 0 : w.getConfirmations(), w.getFailureReason(), instant(w.getCreatedAt()),
                instant(w.getUpdatedAt()));
    }

    /** DECIMAL(36,18) comes back with 18 decimals; answer the amount without trailing zeros (never in exponent form). */
    static java.math.BigDecimal plain(java.math.BigDecimal amount) {
        java.math.BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    static Instant instant(LocalDateTime t) {
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }
}
