package io.apay.common.web.security;

import io.apay.common.core.error.CommonErrorCodes;
import io.apay.common.core.error.ServiceException;
import io.apay.common.core.security.IdentityHeaders;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** The identity the gateway verified for the current request (see {@link IdentityHeaders}). */
public final class RequestIdentity {

    /** Who did something: an app user, an operator, a merchant, or the system itself. */
    public record Actor(String type, String id) {
        public static final Actor SYSTEM = new Actor("system", null);
    }

    private RequestIdentity() {
    }

    public static Optional<Long> userId() {
        return header(IdentityHeaders.USER_ID).map(RequestIdentity::parseId);
    }

    /** The verified app user, or 401 when the request carries none. */
    public static long requireUserId() {
        return userId().orElseThrow(() -> new ServiceException(CommonErrorCodes.UNAUTHORIZED));
    }

    public static Optional<Long> operatorId() {
        return header(IdentityHeaders.OPERATOR_ID).map(RequestIdentity::parseId);
    }

    public static Optional<String> merchantId() {
        return header(IdentityHeaders.MERCHANT_ID);
    }

    public static Optional<String> deviceId() {
        return header(IdentityHeaders.DEVICE_ID);
    }

    public static Optional<String> tokenId() {
        return header(IdentityHeaders.TOKEN_ID);
    }

    public static Optional<String> clientIp() {
        return header(IdentityHeaders.CLIENT_IP);
    }

    public static Actor actor() {
        Optional<Long> operator = operatorId();
        if (operator.isPresent()) {
            return new Actor("operator", operator.get().toString());
        }
        Optional<String> merchant = merchantId();
        if (merchant.isPresent()) {
            return new Actor("merchant", merchant.get());
        }
        Optional<Long> user = userId();
        return user.map(id -> new Actor("user", id.toString())).orElse(Actor.SYSTEM);
    }

    private static Optional<String> header(String name) {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs)) {
            return Optional.empty();
        }
        HttpServletRequest request = attrs.getRequest();
        String value = request.getHeader(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private static Long parseId(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            // the gateway only ever sets numeric ids: anything else did not come from it
            throw new ServiceException(CommonErrorCodes.UNAUTHORIZED);
        }
    }
}
