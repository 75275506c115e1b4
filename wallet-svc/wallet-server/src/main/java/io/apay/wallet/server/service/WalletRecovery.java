package io.apay.wallet.server.service;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import io.apay.chainbridge.api.ChainBridgeApi;
import io.apay.chainbridge.api.dto.ChainWithdrawalView;
import io.apay.common.rpc.RecoveryStep;
import io.apay.common.rpc.RemoteOutcome;
import io.apay.wallet.server.config.WalletProperties;
import io.apay.wallet.server.dal.dataobject.DepositDO;
import io.apay.wallet.server.dal.dataobject.TransferDO;
import io.apay.wallet.server.dal.dataobject.WithdrawalDO;
import io.apay.wallet.server.dal.mapper.DepositMapper;
import io.apay.wallet.server.dal.mapper.TransferMapper;
import io.apay.wallet.server.dal.mapper.WithdrawalMapper;
import java.time.Clock;
import java.time.LocalDateTime;
import org.springframework.stereotype.Service;

/**
 * The recovery half of the pattern (docs/development.md): every intent older than {@code apay.wallet.recover-after}
 * is driven to its end by calling its step again with the same key, the least recently attempted first (one attempt
 * per threshold at most, so a few that keep failing never starve the rest). A BROADCAST withdrawal asks
 * chain-bridge-svc for its outcome (a lost event). Then the confirmed deposits are paged after the stored cursor.
 * job-svc calls this every few seconds, once per tick across replicas; racing a request thread is harmless.
 */
@Service
public class WalletRecovery {

    private final DepositMapper deposits;
    private final WithdrawalMapper withdrawals;
    private final TransferMapper transfers;
    private final DepositService depositService;
    private final WithdrawalSteps steps;
    private final TransferService transferService;
    private final ChainBridgeApi chain;
    private final WalletProperties props;
    private final Clock clock;

    public WalletRecovery(DepositMapper deposits, WithdrawalMapper withdrawals, TransferMapper transfers, DepositService depositService,
                          WithdrawalSteps steps, TransferService transferService, ChainBridgeApi chain, WalletProperties props, Clock clock) {
        this.deposits = deposits;
        this.withdrawals = withdrawals;
        this.transfers = transfers;
        this.depositService = depositService;
        this.steps = steps;
        this.transferService = transferService;
        this.chain = chain;
        this.props = props;
        this.clock = clock;
    }

    /** Drives up to {@code limit} intents of each kind and pages the confirmed deposits; answers how many it tried. */
    public int recover(int limit) {
        LocalDateTime before = LocalDateTime.now(clock).minus(props.getRecoverAfter());
        int tried = 0;
        for (DepositDO d : deposits.selectList(new LambdaQueryWrapper<DepositDO>().eq(DepositDO::getStatus, "CREDITING")
                .lt(DepositDO::getUpdatedAt, before)
                .and(w -> w.isNull(DepositDO::getAttemptedAt).or().lt(DepositDO::getAttemptedAt, before))
                .orderByAsc(DepositDO::getAttemptedAt).last("LIMIT " + limit))) {
            tried += RecoveryStep.drive("deposit " + d.getId(), () -> depositService.credit(d.getId()));
        }
        for (WithdrawalDO w : withdrawals.selectList(new LambdaQueryWrapper<WithdrawalDO>()
                .in(WithdrawalDO::getStatus, WithdrawalStates.HOLDING, WithdrawalStates.SENDING, WithdrawalStates.BROADCAST,
                        WithdrawalStates.SETTLING, WithdrawalStates.RELEASING)
                .lt(WithdrawalDO::getUpdatedAt, before)
                .and(q -> q.isNull(WithdrawalDO::getAttemptedAt).or().lt(WithdrawalDO::getAttemptedAt, before))
                .orderByAsc(WithdrawalDO::getAttemptedAt).last("LIMIT " + limit))) {
            tried += RecoveryStep.drive("withdrawal " + w.getWithdrawalNo(), () -> redrive(w));
        }
        for (TransferDO t : transfers.selectList(new LambdaQueryWrapper<TransferDO>().eq(TransferDO::getStatus, "PENDING")
                .lt(TransferDO::getUpdatedAt, before)
                .and(q -> q.isNull(TransferDO::getAttemptedAt).or().lt(TransferDO::getAttemptedAt, before))
                .orderByAsc(TransferDO::getAttemptedAt).last("LIMIT " + limit))) {
            tried += RecoveryStep.drive("transfer " + t.getId(), () -> transferService.move(t.getId()));
        }
        return tried + depositService.catchUp(Math.max(1, limit / props.getDepositPageSize()));
    }

    private void redrive(WithdrawalDO w) {
        switch (w.getStatus()) {
            case WithdrawalStates.HOLDING -> steps.hold(w.getId());
            case WithdrawalStates.SENDING -> steps.send(w.getId());
            case WithdrawalStates.BROADCAST -> {
                withdrawals.markAttempt(w.getId(), WithdrawalStates.BROADCAST, LocalDateTime.now(clock));
                RemoteOutcome<ChainWithdrawalView> known = RemoteOutcome.of(() -> chain.withdrawal(w.getWithdrawalNo()).checkedData());
                if (known instanceof RemoteOutcome.Done<ChainWithdrawalView> done) {
                    if (done.value().status().isFinal()) {
                        steps.chainFinished(done.value());
                    } else if (done.value().txHash() != null) {
                        // handed over QUEUED; since signed and sent: show the owner its transaction before it confirms
                        withdrawals.chainTxHash(w.getId(), done.value().txHash());
                    }
                }
            }
            default -> steps.finishLedgerStep(w.getId());
        }
    }
}
