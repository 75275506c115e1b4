package io.apay.common.core.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import io.apay.common.core.money.Money;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Money in JSON is a string. A JSON number (which a JavaScript client may already have rounded), an exponent,
 * NaN/Infinity or an absurd magnitude is refused, and the request answers with a validation error.
 */
public class StrictDecimalDeserializer extends JsonDeserializer<BigDecimal> {

    @Override
    public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            return (BigDecimal) ctxt.handleUnexpectedToken(BigDecimal.class, p.currentToken(), p,
                    "amounts are decimal strings, e.g. \"100.03\"");
        }
        String text = p.getText().trim();
        if (!Money.isPlainDecimal(text)) {
            return (BigDecimal) ctxt.handleWeirdStringValue(BigDecimal.class, text,
                    "not a plain decimal with at most %d decimals", Money.MAX_SCALE);
        }
        return new BigDecimal(text);
    }
}
