package io.apay.otc.server.service;

/**
 * The states of a payment order and the only ways between them (docs/otc-order.md). Each {@link Transition} has
 * exactly one {@code from} state and is applied as one conditional update, so two actors can never both move an
 * order: the second finds it no longer in {@code from} and changes nothing.
 */
public enum OrderStatus {
    CREATED, PAID, COMPLETED, EXPIRED, CANCELLED, APPEAL;

    public enum Transition {
        /** The buyer's payment was matched (monitor report or an operator's manual release). */
        PAY(CREATED, PAID),
        /** The ledger settled the coin to the merchant. */
        COMPLETE(PAID, COMPLETED),
        /** Nobody paid in time. */
        EXPIRE(CREATED, EXPIRED),
        /** The merchant closed it before payment. */
        CANCEL(CREATED, CANCELLED),
        /** A dispute before payment was seen ... */
        APPEAL_UNPAID(CREATED, APPEAL),
        /** ... or after it was seen but before settlement. */
        APPEAL_PAID(PAID, APPEAL),
        /** Risk decided the buyer paid: the order settles like a paid one. */
        RESOLVE_RELEASE(APPEAL, PAID),
        /** Risk decided nobody paid (or the payment goes back off-platform): nothing settles. */
        RESOLVE_CANCEL(APPEAL, CANCELLED);

        public final OrderStatus from;
        public final OrderStatus to;

        Transition(OrderStatus from, OrderStatus to) {
            this.from = from;
            this.to = to;
        }
    }

    /** An order in one of these has ended: its payable amount is free again and the merchant is told. */
    public boolean isFinal() {
        return this == COMPLETED || this == EXPIRED || this == CANCELLED;
    }
}
