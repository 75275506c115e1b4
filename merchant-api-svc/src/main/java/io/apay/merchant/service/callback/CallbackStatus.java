package io.apay.merchant.service.callback;

/** The statuses of a callback delivery (the {@code status} column of {@code callback_delivery}). */
public enum CallbackStatus {
    PENDING, DELIVERED, GAVE_UP
}
