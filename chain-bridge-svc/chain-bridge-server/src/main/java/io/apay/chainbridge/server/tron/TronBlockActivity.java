package io.apay.chainbridge.server.tron;

import java.util.List;

/**
 * What a deposit scanner needs of one block, from one read of it: the block, the transfers of the asked tokens and
 * the TRX transfers that took effect in it, in block (and log) order.
 */
public record TronBlockActivity(TronBlockHeader block, List<TronTokenTransfer> tokenTransfers,
                                List<TronTrxTransfer> trxTransfers) {

    public TronBlockActivity {
        tokenTransfers = List.copyOf(tokenTransfers);
        trxTransfers = List.copyOf(trxTransfers);
    }
}
