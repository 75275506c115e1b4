package io.apay.otc.server.service;

import io.apay.otc.api.dto.OrderView;
import io.apay.otc.server.config.OtcProperties;
import io.apay.otc.server.dal.dataobject.OrderDO;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** An order as the API shows it. */
@Component
public class OrderViews {

    /** Compiled once: String.replaceAll compiles its pattern on every call, and every order answered has its URL. */
    private static final Pattern TRAILING_SLASHES = Pattern.compile("/+$");

    private final OtcProperties props;

    public OrderViews(OtcProperties props) {
        this.props = props;
    }

    public OrderView view(OrderDO o) {
        return new OrderView(o.getOrderNo(), o.getMerchantNo(), o.getMerchantOrderNo(), o.getStatus(), o.getFiatCurrency(),
                o.getFiatAmount(), o.getPayableAmount(), o.getCoin(), o.getCoinAmount().setScale(props.getCoinScale()), o.getRate(),
                o.getChannel(), scale(o.getMerchantCoinAmount()), scale(o.getFeeCoinAmount()), cashierUrl(o), o.getReturnUrl(),
                instant(o.getExpiresAt()), instant(o.getCreatedAt()), instant(o.getPaidAt()), instant(o.getCompletedAt()),
                instant(o.getClosedAt()));
    }

    public String cashierUrl(OrderDO o) {
        return TRAILING_SLASHES.matcher(props.getCashierBaseUrl()).replaceAll("") + "/cashier/?o=" + o.getCashierToken();
    }

    private BigDecimal scale(BigDecimal v) {
        return v == null ? null : v.setScale(props.getCoinScale());
    }

    static Instant instant(LocalDateTime t) {
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }
}
