package io.apay.job.recon;

import io.apay.ledger.api.dto.BalanceView;
import io.apay.wealth.api.dto.ProductBalances;
import java.util.List;
import java.util.Map;

/**
 * What one pass read for the wealth check, in this order: wealth-svc, the ledger, wealth-svc again.
 *
 * @param products      what wealth-svc says each product's ledger accounts should hold (the products checked)
 * @param balances      the ledger's accounts of each product, by its ledger owner id (owner type PRODUCT); an account not
 *                      used yet is absent (a balance of 0)
 * @param productsAfter wealth-svc's products read again after the ledger: an intent that started or ended while the
 *                      ledger was read shows in one of the two reads
 */
public record WealthReconInput(List<ProductBalances> products, Map<String, List<BalanceView>> balances, List<ProductBalances> productsAfter) {
}
