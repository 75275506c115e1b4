package io.apay.merchant.controller.merchant;

import io.apay.common.core.error.CommonErrorCodes;
import io.apay.common.core.error.ServiceException;
import io.apay.common.core.result.ApiResult;
import io.apay.common.web.security.RequestIdentity;
import io.apay.merchant.controller.merchant.vo.PayoutView;
import io.apay.merchant.controller.merchant.vo.PlacePayoutRequest;
import io.apay.merchant.service.callback.CallbackService;
import io.apay.merchant.service.payout.PayoutService;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Payouts of the merchant API (docs/merchant-api.md, "Payouts"); the gateway verified the merchant's signature and address. */
@RestController
@Validated
public class MerchantPayoutController {

    private final PayoutService payouts;

    public MerchantPayoutController(PayoutService payouts) {
        this.payouts = payouts;
    }

    @PostMapping("/merchant-api/payouts")
    public ApiResult<PayoutView> request(@Valid @RequestBody PlacePayoutRequest request) {
        return ApiResult.ok(payouts.request(merchant(), request));
    }

    @GetMapping("/merchant-api/payouts/{payoutNo}")
    public ApiResult<PayoutView> get(@PathVariable String payoutNo) {
        return ApiResult.ok(payouts.get(merchant(), payoutNo));
    }

    @GetMapping("/merchant-api/payouts/{payoutNo}/callbacks")
    public ApiResult<List<CallbackService.Delivery>> callbacks(@PathVariable String payoutNo) {
        return ApiResult.ok(payouts.callbacks(merchant(), payoutNo));
    }

    @PostMapping("/merchant-api/payouts/{payoutNo}/callbacks/redeliver")
    public ApiResult<List<CallbackService.Delivery>> redeliver(@PathVariable String payoutNo) {
        return ApiResult.ok(payouts.redeliver(merchant(), payoutNo));
    }

    private static String merchant() {
        return RequestIdentity.merchantId().orElseThrow(() -> new ServiceException(CommonErrorCodes.UNAUTHORIZED));
    }
}
