package io.apay.otc.server.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code apay.otc.*}: the rules of acceptors, ads and payment orders. */
@ConfigurationProperties("apay.otc")
public class OtcProperties {

    /** The public base of cashier links (the gateway, or the CDN in front of it). */
    private String cashierBaseUrl = "http://127.0.0.1:8080";
    /** The margin an acceptor deposits when approved. */
    private String marginCoin = "USDT";
    private BigDecimal marginAmount = new BigDecimal("1000");
    /** The ledger fee schedule of a paid order: the platform fee from the merchant and the acceptor's commission. */
    private String feeBizType = "OTC_PAYMENT";
    /** The coin's scale in orders (USDT: 6). */
    private int coinScale = 6;
    /** Per fiat currency: the step of the payable-amount offset, how many offsets, and the scale of amounts. */
    private Map<String, Currency> currencies = new HashMap<>(Map.of("CNY", new Currency(new BigDecimal("0.01"), 100, 2)));
    /** An ACTIVE ad whose acceptor has been offline this long is paused by the stale-ad check. */
    private Duration staleAfterOffline = Duration.ofHours(24);
    /** An intent (ad OPENING/CLOSING, acceptor APPROVING/LEAVING, order PAID) older than this is driven by the recovery job. */
    private Duration recoverAfter = Duration.ofSeconds(30);
    /** A payable amount freed by an EXPIRED or CANCELLED order is not used again for this long (a late payment of it). */
    private Duration amountQuarantine = Duration.ofMinutes(30);
    /** How far a monitor's clock may be off: a report matches an order paid within [created - skew, expires + skew]. */
    private Duration matchClockSkew = Duration.ofMinutes(2);

    public static class Currency {
        private BigDecimal step;
        private int maxOffsets;
        private int scale;

        public Currency() {
        }

        public Currency(BigDecimal step, int maxOffsets, int scale) {
            this.step = step;
            this.maxOffsets = maxOffsets;
            this.scale = scale;
        }

        public BigDecimal getStep() {
            return step;
        }

        public void setStep(BigDecimal step) {
            this.step = step;
        }

        public int getMaxOffsets() {
            return maxOffsets;
        }

        public void setMaxOffsets(int maxOffsets) {
            this.maxOffsets = maxOffsets;
        }

        public int getScale() {
            return scale;
        }

        public void setScale(int scale) {
            this.scale = scale;
        }
    }

    public String getCashierBaseUrl() {
        return cashierBaseUrl;
    }

    public void setCashierBaseUrl(String cashierBaseUrl) {
        this.cashierBaseUrl = cashierBaseUrl;
    }

    public String getMarginCoin() {
        return marginCoin;
    }

    public void setMarginCoin(String marginCoin) {
        this.marginCoin = marginCoin;
    }

    public BigDecimal getMarginAmount() {
        return marginAmount;
    }

    public void setMarginAmount(BigDecimal marginAmount) {
        this.marginAmount = marginAmount;
    }

    public String getFeeBizType() {
        return feeBizType;
    }

    public void setFeeBizType(String feeBizType) {
        this.feeBizType = feeBizType;
    }

    public int getCoinScale() {
        return coinScale;
    }

    public void setCoinScale(int coinScale) {
        this.coinScale = coinScale;
    }

    public Map<String, Currency> getCurrencies() {
        return currencies;
    }

    public void setCurrencies(Map<String, Currency> currencies) {
        this.currencies = currencies;
    }

    public Duration getRecoverAfter() {
        return recoverAfter;
    }

    public void setRecoverAfter(Duration recoverAfter) {
        this.recoverAfter = recoverAfter;
    }

    public Duration getAmountQuarantine() {
        return amountQuarantine;
    }

    public void setAmountQuarantine(Duration amountQuarantine) {
        this.amountQuarantine = amountQuarantine;
    }

    public Duration getMatchClockSkew() {
        return matchClockSkew;
    }

    public void setMatchClockSkew(Duration matchClockSkew) {
        this.matchClockSkew = matchClockSkew;
    }

    public Duration getStaleAfterOffline() {
        return staleAfterOffline;
    }

    public void setStaleAfterOffline(Duration staleAfterOffline) {
        this.staleAfterOffline = staleAfterOffline;
    }
}
