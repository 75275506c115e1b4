package io.apay.wallet.api.event;

import io.apay.common.mq.EventTopic;

/** Events wallet-svc publishes (exchange {@code apay.wallet}) through its transactional outbox. */
public final class WalletEvents {

    public static final String DOMAIN = "wallet";

    /**
     * Payload {@link io.apay.wallet.api.dto.WithdrawalView}: a merchant payout reached COMPLETED, FAILED or
     * REJECTED. merchant-api-svc turns it into the merchant's signed callback.
     */
    public static final EventTopic PAYOUT_FINISHED = new EventTopic(DOMAIN, "payout.finished");

    private WalletEvents() {
    }
}
