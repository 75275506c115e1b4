package io.apay.gateway.console;

import io.apay.common.core.error.CommonErrorCodes;
import io.apay.common.core.error.ServiceException;
import io.apay.common.core.web.FingerprintedAssets;
import java.net.URI;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The operators' web console at {@code /console/}: static files served by the gateway itself (docs/console.md,
 * docs/adr/0002). index.html is revalidated every time; the scripts and styles it names carry their content hash
 * and are cached for a year. The console has no server side of its own: it calls {@code /admin-api/**} with the
 * operator's session token, like curl does.
 */
@Configuration
public class ConsolePages {

    /** Scripts, styles and connections only to this origin; the authenticator QR comes as a data: image. */
    static final String CSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
            + "form-action 'none'; frame-ancestors 'none'";

    private final FingerprintedAssets assets = new FingerprintedAssets("console", "/console/");

    @Bean
    public RouterFunction<ServerResponse> consoleRoutes() {
        // HEAD too, as for any static file: CDNs and `curl -I` ask for the headers alone (WebFlux drops the body)
        RequestPredicate read = RequestPredicates.method(HttpMethod.GET).or(RequestPredicates.method(HttpMethod.HEAD));
        return RouterFunctions.route()
                .route(read.and(RequestPredicates.path("/console")),
                        request -> ServerResponse.status(HttpStatus.MOVED_PERMANENTLY).location(URI.create("/console/")).build())
                .route(read.and(RequestPredicates.path("/console/").or(RequestPredicates.path("/console/index.html"))), request -> page())
                .route(read.and(RequestPredicates.path("/console/assets/**")), request -> asset(request.requestPath().value()))
                .build();
    }

    private Mono<ServerResponse> page() {
        return ServerResponse.ok().contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noCache())
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Content-Security-Policy", CSP)
                .bodyValue(assets.index());
    }

    private Mono<ServerResponse> asset(String path) {
        FingerprintedAssets.Asset asset = assets.asset(path);
        if (asset == null) {
            return Mono.error(new ServiceException(CommonErrorCodes.NOT_FOUND));
        }
        return ServerResponse.ok().header("Content-Type", asset.contentType())
                .cacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable())
                .header("X-Content-Type-Options", "nosniff")
                .bodyValue(asset.content());
    }
}
