package io.apay.chainbridge.api.enums;

/** How a network's addresses, transactions and tokens work: one adapter per family serves many networks. */
public enum ChainFamily {
    /** Ethereum and its kin (BSC, Polygon, Arbitrum, Base, a local hardhat node): native coin + ERC-20. */
    EVM,
    /** TRON: TRX + TRC-20. */
    TRON
}
