package io.apay.gateway.edge;

import io.apay.common.core.error.ServiceException;
import io.apay.gateway.GatewayErrorCodes;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;

/**
 * CORS as configured ({@code globalcors}), but a refused origin, method or header fails the request with
 * {@link GatewayErrorCodes#CORS_ORIGIN_NOT_ALLOWED}, which the error handler answers with the envelope; Spring's
 * own refusal is a 403 with an empty body.
 */
public class EnvelopeCorsProcessor extends DefaultCorsProcessor {

    @Override
    protected void rejectRequest(ServerHttpResponse response) {
        throw new ServiceException(GatewayErrorCodes.CORS_ORIGIN_NOT_ALLOWED);
    }
}
