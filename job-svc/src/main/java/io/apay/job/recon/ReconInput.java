package io.apay.job.recon;

import io.apay.ledger.api.dto.HoldView;
import io.apay.ledger.api.dto.TransactionView;
import io.apay.otc.api.dto.recon.AcceptorSnapshot;
import io.apay.otc.api.dto.recon.AdSnapshot;
import io.apay.otc.api.dto.recon.OrderSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything one pass of the reconciliation read.
 *
 * @param openHolds       the ledger's OPEN holds with biz ref {@code ad:} or {@code acceptor:}
 * @param otherHolds      holds looked up by id: those of owners that should hold coin but whose hold is not OPEN
 *                        (see {@link ReconChecker#holdsToLookUp}); a hold the ledger does not know is absent
 * @param transactions    the ledger's transactions with biz ref {@code order:<orderNo>} of every order read
 * @param callbackEvents  order number to the callback event types merchant-api-svc recorded for it
 * @param now             when the pass started reading (ages are measured against it)
 * @param wallet          what was read of wallet-svc, the ledger and chain-bridge-svc for the wallet's checks; null
 *                        when they were not read (then {@code notChecked} says why)
 * @param wealth          what was read of wealth-svc and the ledger for the wealth check; null when it was not read
 *                        (then {@code notChecked} says why)
 * @param notChecked      null when every check ran; else which were left out and why
 */
public record ReconInput(
        List<AdSnapshot> ads,
        List<AcceptorSnapshot> acceptors,
        List<OrderSnapshot> orders,
        List<HoldView> openHolds,
        Map<Long, HoldView> otherHolds,
        List<TransactionView> transactions,
        Map<String, List<String>> callbackEvents,
        Instant now,
        WalletReconInput wallet,
        WealthReconInput wealth,
        String notChecked) {

    public int holdsChecked() {
        return openHolds.size() + otherHolds.size();
    }
}
