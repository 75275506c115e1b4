package io.apay.gateway.route;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code apay.gateway.*}: the services behind the gateway. Each gets {@code /app-api/<path>/**}, its health at
 * {@code /health/<path>} and its OpenAPI document at {@code /api-docs/<id>}.
 */
@ConfigurationProperties("apay.gateway")
public record GatewayRoutesProperties(List<Service> services, String merchantService, String pushService,
                                      String cashierService) {

    /** A service: its discovery id ({@code ledger-svc}) and its path segment ({@code ledger}). */
    public record Service(String id, String path) {
    }
}
