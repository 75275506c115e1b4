package io.apay.chainbridge.server.tron;

import java.util.Collection;
import java.util.List;

/** A block and the token transfers that took effect in it, in block and log order. */
public record TronBlockTransfers(TronBlockHeader block, List<TronTokenTransfer> transfers) {

    public TronBlockTransfers {
        transfers = List.copyOf(transfers);
    }

    /** The transfers that pay one of these addresses (a scanner's deposit addresses). */
    public List<TronTokenTransfer> to(Collection<TronAddress> watched) {
        return transfers.stream().filter(transfer -> watched.contains(transfer.to())).toList();
    }
}
