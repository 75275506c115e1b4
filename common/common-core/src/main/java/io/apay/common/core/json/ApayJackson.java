package io.apay.common.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * The JSON rules of every apay API: money as strings both ways, ISO-8601 timestamps, and an object may not repeat a
 * key ({@code {"reason":"a","reason":"b"}} is refused: what one reader takes as the value another ignores).
 */
public final class ApayJackson {

    private ApayJackson() {
    }

    /** BigDecimal written as a plain string ("12.500000"), read only from a plain decimal string. */
    public static SimpleModule moneyModule() {
        SimpleModule module = new SimpleModule("apay-money");
        module.addSerializer(BigDecimal.class, new PlainDecimalSerializer());
        module.addDeserializer(BigDecimal.class, new StrictDecimalDeserializer());
        return module;
    }

    /** A mapper for code outside Spring's context (tests, tools, the outbox) with the same rules. */
    public static ObjectMapper newMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(moneyModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    /** Whether a parse error is a repeated key in an object (with {@link JsonParser.Feature#STRICT_DUPLICATE_DETECTION}). */
    public static boolean isDuplicateKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof com.fasterxml.jackson.core.JsonParseException jpe && jpe.getOriginalMessage() != null
                    && jpe.getOriginalMessage().startsWith("Duplicate field")) {
                return true;
            }
        }
        return false;
    }

    static final class PlainDecimalSerializer extends StdSerializer<BigDecimal> {
        PlainDecimalSerializer() {
            super(BigDecimal.class);
        }

        @Override
        public void serialize(BigDecimal value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.toPlainString());
        }
    }
}
