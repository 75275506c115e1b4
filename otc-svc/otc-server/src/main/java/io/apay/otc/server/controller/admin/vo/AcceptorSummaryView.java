package io.apay.otc.server.controller.admin.vo;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A row of the operators' acceptor list: the app's acceptor view (same fields first) with when its presence last
 * changed, whether an operator paused it, and how many of its ads are ACTIVE (paused ones are not).
 */
public record AcceptorSummaryView(long userId, String displayName, String status, boolean canListAds, String marginCoin,
                                  BigDecimal marginAmount, boolean online, Instant presenceAt, boolean operatorPaused,
                                  int activeAds) {
}
