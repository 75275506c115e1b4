package io.apay.otc.server.controller.cashier;

import io.apay.common.core.error.CommonErrorCodes;
import io.apay.common.core.error.ServiceException;
import io.apay.common.core.result.ApiResult;
import io.apay.common.core.web.FingerprintedAssets;
import io.apay.otc.server.service.CashierService;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The buyer's checkout page at {@code /cashier/} (public, through the gateway or a CDN) and its one API call.
 * index.html is revalidated every time ({@code no-cache}); the assets it names carry their content hash and are
 * cached for a year ({@code immutable}); the order API is never stored. See docs/otc-order.md, "The cashier page".
 */
@RestController
public class CashierController {

    /** Scripts and styles only from here; images also from object storage links (the payee's QR image). */
    static final String CSP = "default-src 'self'; img-src 'self' https: http:; object-src 'none'; base-uri 'none'; "
            + "form-action 'none'; frame-ancestors 'none'";

    private final FingerprintedAssets assets = new FingerprintedAssets("cashier", "/cashier/");
    private final CashierService cashier;

    public CashierController(CashierService cashier) {
        this.cashier = cashier;
    }

    @GetMapping({"/cashier", "/cashier/", "/cashier/index.html"})
    public ResponseEntity<byte[]> page() {
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8)).cacheControl(CacheControl.noCache())
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer") // the page's URL holds the order's token
                .header("Content-Security-Policy", CSP)
                .body(assets.index());
    }

    @GetMapping("/cashier/assets/{file}")
    public ResponseEntity<byte[]> asset(HttpServletRequest request, @PathVariable String file) {
        FingerprintedAssets.Asset asset = assets.asset(request.getRequestURI());
        if (asset == null) {
            throw new ServiceException(CommonErrorCodes.NOT_FOUND);
        }
        return ResponseEntity.ok().header("Content-Type", asset.contentType())
                .cacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable())
                .header("X-Content-Type-Options", "nosniff").body(asset.content());
    }

    @GetMapping("/cashier/api/orders/{token}")
    public ResponseEntity<ApiResult<CashierService.CashierOrder>> order(@PathVariable String token) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(ApiResult.ok(cashier.byToken(token)));
    }
}
