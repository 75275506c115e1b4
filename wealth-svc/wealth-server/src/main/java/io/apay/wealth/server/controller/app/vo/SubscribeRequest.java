package io.apay.wealth.server.controller.app.vo;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;

/**
 * Lock {@code amount} of a product's coin: the product by {@code productCode} or {@code productId} (exactly one).
 * {@code requestNo} is the app's own number: the same request again answers the same position.
 */
public record SubscribeRequest(
        @NotNull @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = "1-64 of A-Z a-z 0-9 . _ -") String requestNo,
        @Pattern(regexp = "[A-Z0-9_-]{2,32}", message = "a product code like USDT-FLEX") String productCode,
        @Positive Long productId,
        @NotNull @Positive BigDecimal amount) {

    @JsonIgnore
    @AssertTrue(message = "name the product by productCode or productId, not both")
    public boolean isOneProduct() {
        return (productCode == null) != (productId == null);
    }
}
