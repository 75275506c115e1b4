package io.apay.merchant.mq;

import io.apay.common.mq.EventInbox;
import io.apay.merchant.config.PayoutConfig;
import io.apay.merchant.service.payout.PayoutService;
import io.apay.wallet.api.dto.WithdrawalView;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/** Every payout wallet-svc reports finished becomes (once) the payout's final status and a callback to the merchant. */
@Component
public class PayoutFinishedListener {

    private final EventInbox inbox;
    private final PayoutService payouts;

    public PayoutFinishedListener(EventInbox inbox, PayoutService payouts) {
        this.inbox = inbox;
        this.payouts = payouts;
    }

    @RabbitListener(queues = "#{mqNames.queue('" + PayoutConfig.PAYOUT_FINISHED_QUEUE + "')}")
    public void on(Message message) {
        inbox.consumeOnce(PayoutConfig.PAYOUT_FINISHED_QUEUE, message, WithdrawalView.class, payouts::onFinished);
    }
}
