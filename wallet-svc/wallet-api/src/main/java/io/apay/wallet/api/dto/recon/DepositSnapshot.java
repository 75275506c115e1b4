package io.apay.wallet.api.dto.recon;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A deposit as the reconciliation sees it. {@code state} is CREDITING (the intent, committed before the ledger call),
 * CREDITED or IGNORED (nothing of it can be credited: a coin the wallet does not support, or less than one unit of
 * the coin's scale; no ledger transaction). A CREDITED deposit was credited by exactly one ledger TRANSFER with key {@link #depositKey()} and biz
 * ref {@code deposit:<id>} (its {@code creditTxnId}): {@code amount} from the platform's DEPOSIT_CLEARING to the
 * owner's AVAILABLE. {@code ownerRef} is {@code USER:<userId>} or {@code MERCHANT:<merchantNo>}; {@code lastError}
 * the ledger's refusal of a deposit still CREDITING (e.g. {@code LEDGER_14001}). {@code chainAmount} is the amount the
 * chain confirmed and {@code creditScale} the coin's scale in the wallet (null: a coin it does not support): {@code
 * amount} is {@code chainAmount} at that scale, rounded down (the dust stays on chain); 0 when IGNORED. A wallet older
 * than these fields answers neither: its {@code amount} is the chain's.
 */
public record DepositSnapshot(
        long id,
        long chainDepositId,
        String network,
        String coin,
        String txHash,
        int logIndex,
        String address,
        String ownerRef,
        BigDecimal amount,
        String state,
        Long creditTxnId,
        String lastError,
        Instant createdAt,
        Instant updatedAt,
        BigDecimal chainAmount,
        Integer creditScale) {

    public static final String CREDITING = "CREDITING";
    public static final String CREDITED = "CREDITED";
    public static final String IGNORED = "IGNORED";

    /** A deposit credited as the chain has it (no scaling recorded). */
    public DepositSnapshot(long id, long chainDepositId, String network, String coin, String txHash, int logIndex, String address,
                           String ownerRef, BigDecimal amount, String state, Long creditTxnId, String lastError, Instant createdAt,
                           Instant updatedAt) {
        this(id, chainDepositId, network, coin, txHash, logIndex, address, ownerRef, amount, state, creditTxnId, lastError, createdAt,
                updatedAt, null, null);
    }

    /** The chain's identity of the transfer, and the ledger key it is credited under (= ChainDepositView.depositKey()). */
    public String depositKey() {
        return "deposit:" + network + ":" + txHash + ":" + logIndex;
    }
}
