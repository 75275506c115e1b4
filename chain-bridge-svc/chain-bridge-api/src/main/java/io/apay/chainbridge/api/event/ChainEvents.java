package io.apay.chainbridge.api.event;

import io.apay.common.mq.EventTopic;

/** Events chain-bridge-svc publishes (exchange {@code apay.chain}) through its transactional outbox. */
public final class ChainEvents {

    public static final String DOMAIN = "chain";

    /** Payload {@link io.apay.chainbridge.api.dto.ChainDepositView}: a deposit reached its confirmations. */
    public static final EventTopic DEPOSIT_CONFIRMED = new EventTopic(DOMAIN, "deposit.confirmed");

    /** Payload {@link io.apay.chainbridge.api.dto.ChainWithdrawalView}: a withdrawal reached CONFIRMED or FAILED. */
    public static final EventTopic WITHDRAWAL_FINISHED = new EventTopic(DOMAIN, "withdrawal.finished");

    private ChainEvents() {
    }
}
