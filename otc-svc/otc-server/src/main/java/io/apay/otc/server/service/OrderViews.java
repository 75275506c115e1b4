package io.apay.otc.server.service;

import io.apay.otc.api.dto.OrderView;
import io.apay.otc.server.config.OtcProperties;
import io.apay.otc.server.dal.dataobject.OrderDO;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.springframework.stereotype.Component;

/** An order as the API shows it. */
@Component
public class OrderViews {

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
        return props.getCashierBaseUrl().replaceAll("/+$", "") + "/cashier/?o=" + o.getCashierToken();
    }

    private BigDecimal scale(BigDecimal v) {
        return v == null ? null : v.setScale(props.getCoinScale());
    }

    static Instant instant(LocalDateTime t) {
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }
}
