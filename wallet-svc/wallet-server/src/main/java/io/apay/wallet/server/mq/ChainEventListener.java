package io.apay.wallet.server.mq;

import io.apay.chainbridge.api.dto.ChainDepositView;
import io.apay.chainbridge.api.dto.ChainWithdrawalView;
import io.apay.common.mq.EventInbox;
import io.apay.wallet.server.config.WalletConfig;
import io.apay.wallet.server.service.DepositService;
import io.apay.wallet.server.service.WithdrawalSteps;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * chain-bridge-svc's events. Each is recorded once (the intent row commits with the inbox mark), then its ledger
 * step runs at once, outside that transaction: a deposit is credited as soon as its event arrives. A redelivery
 * finds the mark and the step ends where it is; a lost event is found by the recovery.
 */
@Component
public class ChainEventListener {

    private final EventInbox inbox;
    private final DepositService deposits;
    private final WithdrawalSteps withdrawals;

    public ChainEventListener(EventInbox inbox, DepositService deposits, WithdrawalSteps withdrawals) {
        this.inbox = inbox;
        this.deposits = deposits;
        this.withdrawals = withdrawals;
    }

    // several consumers: each deposit is credited once whatever the order (inbox de-dup, its own ledger key), and a
    // scanner catching up after an outage confirms deposits faster than one consumer credits them
    @RabbitListener(queues = "#{mqNames.queue('" + WalletConfig.DEPOSIT_CONFIRMED_QUEUE + "')}",
            concurrency = "${apay.wallet.deposit-consumers:4}")
    public void onDepositConfirmed(Message message) {
        AtomicReference<Long> recorded = new AtomicReference<>();
        inbox.consumeOnce(WalletConfig.DEPOSIT_CONFIRMED_QUEUE, message, ChainDepositView.class, v -> recorded.set(deposits.record(v)));
        if (recorded.get() != null) {
            deposits.credit(recorded.get());
        }
    }

    @RabbitListener(queues = "#{mqNames.queue('" + WalletConfig.WITHDRAWAL_FINISHED_QUEUE + "')}")
    public void onWithdrawalFinished(Message message) {
        AtomicReference<Long> recorded = new AtomicReference<>();
        inbox.consumeOnce(WalletConfig.WITHDRAWAL_FINISHED_QUEUE, message, ChainWithdrawalView.class,
                v -> recorded.set(withdrawals.recordChainOutcome(v)));
        if (recorded.get() != null) {
            withdrawals.finishLedgerStep(recorded.get());
        }
    }
}
