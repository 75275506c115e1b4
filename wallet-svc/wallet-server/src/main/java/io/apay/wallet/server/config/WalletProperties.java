package io.apay.wallet.server.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code apay.wallet.*}: the rules of withdrawals and transfers per coin, the network fee per (network, coin), the
 * address book's cool-down and the recovery threshold. A (network, coin) pair without a fee cannot be withdrawn.
 */
@ConfigurationProperties("apay.wallet")
public class WalletProperties {

    /** Per coin: its scale and the withdrawal rules (amounts exclude the fee). */
    private Map<String, CoinRule> coins = new HashMap<>(Map.of("USDT", new CoinRule()));
    /** Per network, per coin: the fee charged on top of a withdrawal's amount (to the platform's FEE_INCOME). */
    private Map<String, Map<String, BigDecimal>> networkFees = new HashMap<>(Map.of("LOCAL", new HashMap<>(Map.of("USDT", BigDecimal.ONE))));
    /** An address added to the book can be withdrawn to this long after (0s in tests and demos). */
    private Duration addressCooldown = Duration.ofHours(24);
    /** An intent older than this is driven by the recovery job. */
    private Duration recoverAfter = Duration.ofSeconds(30);
    /** Confirmed deposits read from chain-bridge-svc per page by the recovery. */
    private int depositPageSize = 200;

    public static class CoinRule {
        private int scale = 6;
        private BigDecimal minWithdrawal = new BigDecimal("2");
        /** Above this amount a withdrawal needs an SMS code as well. */
        private BigDecimal smsAbove = new BigDecimal("1000");
        /** Above this amount a withdrawal waits for an operator's approval (REVIEW). */
        private BigDecimal reviewAbove = new BigDecimal("5000");
        /** Most an owner may withdraw per UTC day (amounts of withdrawals not FAILED or REJECTED). */
        private BigDecimal dailyLimit = new BigDecimal("20000");

        public int getScale() {
            return scale;
        }

        public void setScale(int scale) {
            this.scale = scale;
        }

        public BigDecimal getMinWithdrawal() {
            return minWithdrawal;
        }

        public void setMinWithdrawal(BigDecimal minWithdrawal) {
            this.minWithdrawal = minWithdrawal;
        }

        public BigDecimal getSmsAbove() {
            return smsAbove;
        }

        public void setSmsAbove(BigDecimal smsAbove) {
            this.smsAbove = smsAbove;
        }

        public BigDecimal getReviewAbove() {
            return reviewAbove;
        }

        public void setReviewAbove(BigDecimal reviewAbove) {
            this.reviewAbove = reviewAbove;
        }

        public BigDecimal getDailyLimit() {
            return dailyLimit;
        }

        public void setDailyLimit(BigDecimal dailyLimit) {
            this.dailyLimit = dailyLimit;
        }
    }

    public Map<String, CoinRule> getCoins() {
        return coins;
    }

    public void setCoins(Map<String, CoinRule> coins) {
        this.coins = coins;
    }

    public Map<String, Map<String, BigDecimal>> getNetworkFees() {
        return networkFees;
    }

    public void setNetworkFees(Map<String, Map<String, BigDecimal>> networkFees) {
        this.networkFees = networkFees;
    }

    public Duration getAddressCooldown() {
        return addressCooldown;
    }

    public void setAddressCooldown(Duration addressCooldown) {
        this.addressCooldown = addressCooldown;
    }

    public Duration getRecoverAfter() {
        return recoverAfter;
    }

    public void setRecoverAfter(Duration recoverAfter) {
        this.recoverAfter = recoverAfter;
    }

    public int getDepositPageSize() {
        return depositPageSize;
    }

    public void setDepositPageSize(int depositPageSize) {
        this.depositPageSize = depositPageSize;
    }
}
