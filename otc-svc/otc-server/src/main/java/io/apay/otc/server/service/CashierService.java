package io.apay.otc.server.service;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import io.apay.common.core.error.ServiceException;
import io.apay.common.web.storage.ObjectStorage;
import io.apay.otc.api.OtcErrorCodes;
import io.apay.otc.api.enums.OrderStatus;
import io.apay.otc.server.dal.dataobject.AdChannelDO;
import io.apay.otc.server.dal.dataobject.OrderDO;
import io.apay.otc.server.dal.mapper.AdChannelMapper;
import io.apay.otc.server.dal.mapper.OrderMapper;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Service;

/** What the buyer's cashier page shows: found by the order's unguessable cashier token, nothing else. */
@Service
public class CashierService {

    static final Duration QR_LINK_TTL = Duration.ofMinutes(15);

    /** The order as the buyer sees it; {@code serverTime} lets the page's countdown ignore a wrong local clock. */
    public record CashierOrder(String orderNo, String status, BigDecimal payableAmount, String fiatCurrency, String channel,
                               String payeeName, String payeeAccount, String bankName, String qrUrl, Instant expiresAt,
                               String returnUrl, Instant serverTime) {
    }

    private final OrderMapper orders;
    private final AdChannelMapper channels;
    private final ObjectStorage storage;
    private final Clock clock;

    public CashierService(OrderMapper orders, AdChannelMapper channels, ObjectStorage storage, Clock clock) {
        this.orders = orders;
        this.channels = channels;
        this.storage = storage;
        this.clock = clock;
    }

    public CashierOrder byToken(String token) {
        OrderDO o = token == null || !token.matches("[A-Za-z0-9_-]{16,40}") ? null
                : orders.selectOne(new LambdaQueryWrapper<OrderDO>().eq(OrderDO::getCashierToken, token));
        if (o == null) {
            throw new ServiceException(OtcErrorCodes.ORDER_NOT_FOUND);
        }
        AdChannelDO payee = channels.selectOne(new LambdaQueryWrapper<AdChannelDO>().eq(AdChannelDO::getAdId, o.getAdId())
                .eq(AdChannelDO::getChannel, o.getChannel()));
        boolean open = OrderStatus.CREATED.name().equals(o.getStatus()) || OrderStatus.APPEAL.name().equals(o.getStatus());
        String qr = open && payee != null && payee.getQrKey() != null ? storage.temporaryUrl(payee.getQrKey(), QR_LINK_TTL).toString() : null;
        return new CashierOrder(o.getOrderNo(), o.getStatus(), o.getPayableAmount(), o.getFiatCurrency(), o.getChannel(),
                open && payee != null ? payee.getPayeeName() : null, open && payee != null ? payee.getPayeeAccount() : null,
                open && payee != null ? payee.getBankName() : null, qr, OrderViews.instant(o.getExpiresAt()), o.getReturnUrl(),
                clock.instant());
    }
}
