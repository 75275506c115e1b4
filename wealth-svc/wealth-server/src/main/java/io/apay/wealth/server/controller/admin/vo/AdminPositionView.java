package io.apay.wealth.server.controller.admin.vo;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.apay.wealth.server.controller.app.vo.PositionView;

/** A position as its owner sees it in the app, with the owner: one flat JSON object, {@code userId} first. */
public record AdminPositionView(long userId, @JsonUnwrapped PositionView position) {
}
