package io.apay.chainbridge.server.service;

import io.apay.chainbridge.server.dal.dataobject.SweepDO;
import io.apay.chainbridge.server.dal.mapper.SweepMapper;
import io.apay.chainbridge.server.dal.mapper.WithdrawalMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * What the hot wallet can still spend: its balance on chain less what it has signed and not yet paid. The chain's
 * balance alone would let two transfers be signed against the same funds, the second refused or reverted (its fee
 * burnt). Unpaid: withdrawals with a nonce in no block yet (amounts, and their gas in the native coin) and open gas
 * top-ups of deposit addresses (amounts and gas).
 */
@Service
public class HotWalletFunds {

    private final WithdrawalMapper withdrawals;
    private final SweepMapper sweeps;

    public HotWalletFunds(WithdrawalMapper withdrawals, SweepMapper sweeps) {
        this.withdrawals = withdrawals;
        this.sweeps = sweeps;
    }

    /** Base units of {@code coin} the hot wallet holds beyond its unpaid transfers; gas of open top-ups at {@code feePrice}. */
    public BigInteger free(Network net, String coin, BigInteger feePrice) {
        boolean isNative = net.isNative(coin);
        BigInteger unpaid = BigInteger.ZERO;
        for (Map<String, Object> row : withdrawals.unpaid(net.name())) {
            String rowCoin = (String) row.get("coin");
            if (net.decimals(rowCoin).isEmpty()) {
                continue; // a coin no longer configured: nothing of it is sent from here
            }
            if (rowCoin.equals(coin)) {
                unpaid = unpaid.add(net.toUnits(rowCoin, (BigDecimal) row.get("amount")));
            }
            if (isNative) {
                unpaid = unpaid.add(net.adapter().feeLimit(rowCoin).multiply(((BigDecimal) row.get("fee_prices")).toBigIntegerExact()));
            }
        }
        if (isNative) {
            BigInteger topUpGas = net.adapter().feeLimit(coin).multiply(feePrice);
            for (SweepDO topUp : sweeps.openTopUps(net.name())) {
                unpaid = unpaid.add(net.toUnits(coin, topUp.getAmount())).add(topUpGas);
            }
        }
        return net.adapter().balance(coin, net.hotAddress()).subtract(unpaid);
    }
}
