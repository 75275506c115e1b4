package io.apay.otc.server.mq;

import io.apay.common.mq.EventInbox;
import io.apay.otc.server.config.OtcConfig;
import io.apay.otc.server.service.AcceptorService;
import io.apay.otc.server.service.PaymentReports;
import io.apay.push.api.event.AcceptorOfflineEvent;
import io.apay.push.api.event.AcceptorOnlineEvent;
import io.apay.push.api.event.PaymentReceivedEvent;
import io.apay.push.api.event.PushEvents;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/** push-svc's events: payment reports (matched to orders, once per report) and acceptor presence (once per event). */
@Component
public class PushEventListener {

    private final EventInbox inbox;
    private final PaymentReports payments;
    private final AcceptorService acceptors;

    public PushEventListener(EventInbox inbox, PaymentReports payments, AcceptorService acceptors) {
        this.inbox = inbox;
        this.payments = payments;
        this.acceptors = acceptors;
    }

    @RabbitListener(queues = "#{mqNames.queue('" + OtcConfig.PAYMENT_RECEIVED_QUEUE + "')}")
    public void onPayment(Message message) {
        // the report's acceptor, device and notification id (the event's) are its row's unique key: a redelivery
        // stops at that INSERT (PaymentReports)
        inbox.consumeKeyed(message, PaymentReceivedEvent.class, e -> {
            payments.onPaymentReceived(e);
            return null;
        });
    }

    @RabbitListener(queues = "#{mqNames.queue('" + OtcConfig.PRESENCE_QUEUE + "')}")
    public void onPresence(Message message) {
        if (PushEvents.ACCEPTOR_ONLINE.routingKey().equals(message.getMessageProperties().getReceivedRoutingKey())) {
            inbox.consumeOnce(OtcConfig.PRESENCE_QUEUE, message, AcceptorOnlineEvent.class, acceptors::onOnline);
        } else {
            inbox.consumeOnce(OtcConfig.PRESENCE_QUEUE, message, AcceptorOfflineEvent.class, acceptors::onOffline);
        }
    }
}
