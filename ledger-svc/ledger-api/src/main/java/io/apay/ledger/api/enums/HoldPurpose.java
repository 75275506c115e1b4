package io.apay.ledger.api.enums;

/** Why coin is held, which decides the account it is held in. */
public enum HoldPurpose {
    /** Coin frozen for an ad or an order: held in the owner's FROZEN account. */
    FREEZE(AccountKind.FROZEN),
    /** An acceptor's margin deposit: held in its MARGIN account. */
    MARGIN(AccountKind.MARGIN);

    private final AccountKind heldIn;

    HoldPurpose(AccountKind heldIn) {
        this.heldIn = heldIn;
    }

    public AccountKind heldIn() {
        return heldIn;
    }
}
