package io.apay.wallet.server.service;

import io.apay.common.core.error.ServiceException;
import io.apay.wallet.api.WalletErrorCodes;
import io.apay.wallet.api.dto.WithdrawalView;
import io.apay.wallet.server.config.WalletProperties;
import io.apay.wallet.server.config.WalletProperties.CoinRule;
import io.apay.wallet.server.dal.dataobject.WithdrawalDO;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The configured rules of a withdrawal: which (network, coin) pairs, the coin's scale and minimum, the fee. */
@Component
public class WithdrawalRules {

    private final WalletProperties props;

    public WithdrawalRules(WalletProperties props) {
        this.props = props;
    }

    /** The coin's rules; an unconfigured coin is {@link WalletErrorCodes#NETWORK_COIN_UNSUPPORTED}. */
    public CoinRule coin(String coin) {
        CoinRule rule = props.getCoins().get(coin);
        if (rule == null) {
            throw new ServiceException(WalletErrorCodes.NETWORK_COIN_UNSUPPORTED);
        }
        return rule;
    }

    /** The network fee of the pair, at the coin's scale; a pair without one cannot be withdrawn. */
    public BigDecimal fee(String network, String coin) {
        CoinRule rule = coin(coin);
        Map<String, BigDecimal> fees = props.getNetworkFees().get(network);
        BigDecimal fee = fees == null ? null : fees.get(coin);
        if (fee == null) {
            throw new ServiceException(WalletErrorCodes.NETWORK_COIN_UNSUPPORTED);
        }
        return fee.setScale(rule.getScale(), RoundingMode.UNNECESSARY);
    }

    /** An amount of the coin at its scale: more decimals is {@link WalletErrorCodes#AMOUNT_SCALE}. */
    public BigDecimal amount(String coin, BigDecimal amount) {
        CoinRule rule = coin(coin);
        if (amount.signum() <= 0) {
            throw new ServiceException(WalletErrorCodes.AMOUNT_BELOW_MINIMUM);
        }
        if (amount.stripTrailingZeros().scale() > rule.getScale()) {
            throw new ServiceException(WalletErrorCodes.AMOUNT_SCALE,
                    "amount has more than " + rule.getScale() + " decimals");
        }
        return amount.setScale(rule.getScale(), RoundingMode.UNNECESSARY);
    }

    /** Checks a withdrawal's amount (scale, minimum) and answers it at the coin's scale. */
    public BigDecimal withdrawalAmount(String network, String coin, BigDecimal amount) {
        fee(network, coin);
        BigDecimal scaled = amount(coin, amount);
        CoinRule rule = coin(coin);
        if (scaled.compareTo(rule.getMinWithdrawal()) < 0) {
            throw new ServiceException(WalletErrorCodes.AMOUNT_BELOW_MINIMUM,
                    "the minimum withdrawal is " + rule.getMinWithdrawal().toPlainString() + " " + coin);
        }
        return scaled;
    }

    /** The owner's view of a withdrawal, its amounts at the coin's scale. */
    public WithdrawalView view(WithdrawalDO w) {
        return WithdrawalStates.view(w, coin(w.getCoin()).getScale());
    }

    public boolean needsSms(String coin, BigDecimal amount) {
        return amount.compareTo(coin(coin).getSmsAbove()) > 0;
    }

    public boolean needsReview(String coin, BigDecimal amount) {
        return amount.compareTo(coin(coin).getReviewAbove()) > 0;
    }
}
