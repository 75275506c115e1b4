package io.apay.chainbridge.server.chain;

import java.util.List;

/** A block as the scanner needs it: where it sits in the chain and the transfers to watched addresses in it. */
public record ChainBlock(long number, String hash, String parentHash, List<ChainTransfer> transfers) {
}
