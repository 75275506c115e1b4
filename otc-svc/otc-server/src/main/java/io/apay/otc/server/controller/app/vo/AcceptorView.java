package io.apay.otc.server.controller.app.vo;

import java.math.BigDecimal;

/** {@code status}: NONE, APPLIED, ACTIVE, REJECTED or LEFT; only an ACTIVE acceptor may list ads. */
public record AcceptorView(long userId, String displayName, String status, boolean canListAds, String marginCoin,
                           BigDecimal marginAmount, boolean online) {
}
