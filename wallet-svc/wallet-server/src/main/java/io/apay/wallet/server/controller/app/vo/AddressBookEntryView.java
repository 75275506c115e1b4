package io.apay.wallet.server.controller.app.vo;

import java.time.Instant;

/** A saved address; it can be withdrawn to from {@code usableAt} (the cool-down after it was added). */
public record AddressBookEntryView(long id, String network, String address, String label, Instant usableAt, boolean usable,
                                   Instant createdAt) {
}
