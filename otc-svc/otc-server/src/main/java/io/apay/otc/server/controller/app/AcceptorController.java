package io.apay.otc.server.controller.app;

import io.apay.common.core.result.ApiResult;
import io.apay.common.web.security.RequestIdentity;
import io.apay.otc.server.controller.app.vo.AcceptorView;
import io.apay.otc.server.controller.app.vo.AdView;
import io.apay.otc.server.controller.app.vo.ApplyRequest;
import io.apay.otc.server.controller.app.vo.CreateAdRequest;
import io.apay.otc.server.service.AcceptorService;
import io.apay.otc.server.service.AdService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** An acceptor's own side: apply, see the status, leave; list, pause, resume and close ads; upload payee QR codes. */
@RestController
@Validated
public class AcceptorController {

    private final AcceptorService acceptors;
    private final AdService ads;

    public AcceptorController(AcceptorService acceptors, AdService ads) {
        this.acceptors = acceptors;
        this.ads = ads;
    }

    @PostMapping("/app-api/otc/acceptor/apply")
    public ApiResult<AcceptorView> apply(@Valid @RequestBody ApplyRequest request) {
        return ApiResult.ok(acceptors.apply(RequestIdentity.requireUserId(), request.displayName()));
    }

    @GetMapping("/app-api/otc/acceptor")
    public ApiResult<AcceptorView> me() {
        return ApiResult.ok(acceptors.view(RequestIdentity.requireUserId()));
    }

    @PostMapping("/app-api/otc/acceptor/leave")
    public ApiResult<AcceptorView> leave() {
        return ApiResult.ok(acceptors.leave(RequestIdentity.requireUserId()));
    }

    @PostMapping("/app-api/otc/ads")
    public ApiResult<AdView> createAd(@Valid @RequestBody CreateAdRequest request) {
        return ApiResult.ok(ads.create(RequestIdentity.requireUserId(), request));
    }

    @GetMapping("/app-api/otc/ads")
    public ApiResult<List<AdView>> myAds() {
        return ApiResult.ok(ads.mine(RequestIdentity.requireUserId()));
    }

    @PostMapping("/app-api/otc/ads/{adId}/pause")
    public ApiResult<AdView> pause(@PathVariable long adId) {
        return ApiResult.ok(ads.pause(RequestIdentity.requireUserId(), adId));
    }

    @PostMapping("/app-api/otc/ads/{adId}/resume")
    public ApiResult<AdView> resume(@PathVariable long adId) {
        return ApiResult.ok(ads.resume(RequestIdentity.requireUserId(), adId));
    }

    @PostMapping("/app-api/otc/ads/{adId}/close")
    public ApiResult<AdView> close(@PathVariable long adId) {
        return ApiResult.ok(ads.close(RequestIdentity.requireUserId(), adId));
    }

    /** The payee QR image of one channel: the raw PNG or JPEG as the request body. */
    @PostMapping("/app-api/otc/ads/{adId}/channels/{channel}/qr")
    public ApiResult<AdView> uploadQr(@PathVariable long adId,
                                      @PathVariable @Pattern(regexp = "ALIPAY|WECHAT|BANK", message = "ALIPAY, WECHAT or BANK") String channel,
                                      HttpServletRequest request) throws IOException {
        byte[] image;
        try (InputStream in = request.getInputStream()) {
            image = in.readNBytes(1024 * 1024 + 1);
        }
        return ApiResult.ok(ads.uploadQr(RequestIdentity.requireUserId(), adId, channel, request.getContentType(), image));
    }
}
