package io.apay.job.recon;

import io.apay.chainbridge.api.dto.ChainDepositView;
import io.apay.chainbridge.api.dto.ChainWithdrawalView;
import io.apay.ledger.api.dto.TransactionView;
import io.apay.wallet.api.dto.recon.DepositSnapshot;
import io.apay.wallet.api.dto.recon.WithdrawalSnapshot;
import java.util.List;

/**
 * What one pass read for the wallet's checks, in this order: wallet-svc, the ledger, chain-bridge-svc.
 *
 * @param deposits         wallet-svc's deposits credited in the window and every one still CREDITING
 * @param withdrawals      wallet-svc's withdrawals that ended in the window and every one under way
 * @param transactions     the ledger's transactions with biz ref {@code deposit:<id>} or {@code withdrawal:<no>} of those
 * @param chainDeposits    chain-bridge-svc's records of those deposits (by key), and its deposits CONFIRMED in the window
 * @param chainWithdrawals chain-bridge-svc's records of those withdrawals (by withdrawal number); one never handed over is absent
 */
public record WalletReconInput(
        List<DepositSnapshot> deposits,
        List<WithdrawalSnapshot> withdrawals,
        List<TransactionView> transactions,
        List<ChainDepositView> chainDeposits,
        List<ChainWithdrawalView> chainWithdrawals) {
}
