package io.apay.merchant.controller.admin.vo;

/**
 * The dashboard's counts: {@code pending} every PENDING delivery, {@code failing} those of them already tried at
 * least once, {@code gaveUp} GAVE_UP, {@code deliveredToday} delivered since 00:00 UTC.
 */
public record CallbackSummary(long pending, long failing, long gaveUp, long deliveredToday) {
}
