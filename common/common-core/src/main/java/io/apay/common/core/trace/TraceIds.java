package io.apay.common.core.trace;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * The trace id that follows one request gateway → service → Feign → RabbitMQ → logs.
 * Carried in the {@value #HEADER} header (HTTP and AMQP) and in the log MDC under {@value #MDC_KEY}.
 */
public final class TraceIds {

    public static final String HEADER = "X-Trace-Id";
    public static final String MDC_KEY = "traceId";

    private static final Pattern VALID = Pattern.compile("[0-9a-f]{32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private TraceIds() {
    }

    public static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Only ids of our own shape are accepted from a header: anything else could forge log lines. */
    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    /** The incoming id if it is well-formed, else a new one. */
    public static String orNew(String incoming) {
        return isValid(incoming) ? incoming : newId();
    }

    public static String current() {
        return MDC.get(MDC_KEY);
    }

    public static void set(String traceId) {
        MDC.put(MDC_KEY, traceId);
    }

    public static void clear() {
        MDC.remove(MDC_KEY);
    }
}
