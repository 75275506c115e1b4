package io.apay.push.api.dto;

import java.util.List;

/** A page of online acceptors; {@code next} is the {@code after} of the following page, null on the last one. */
public record OnlineAcceptorsPage(List<AcceptorPresence> acceptors, Long next) {
}
