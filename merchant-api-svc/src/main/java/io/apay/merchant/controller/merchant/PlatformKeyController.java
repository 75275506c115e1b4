package io.apay.merchant.controller.merchant;

import io.apay.common.core.crypto.RsaKeys;
import io.apay.common.core.result.ApiResult;
import io.apay.merchant.config.PlatformKey;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The platform's public key, to verify callbacks with (public: no merchant signature needed). */
@RestController
public class PlatformKeyController {

    /** The key and how callbacks are signed with it. */
    public record PlatformKeyView(String algorithm, String fingerprint, String publicKeyPem) {
    }

    private final PlatformKey key;

    public PlatformKeyController(PlatformKey key) {
        this.key = key;
    }

    @GetMapping("/merchant-api/platform-key")
    public ApiResult<PlatformKeyView> platformKey() {
        return ApiResult.ok(new PlatformKeyView(RsaKeys.ALGORITHM, key.fingerprint(), key.publicKeyPem()));
    }
}
