package io.apay.merchant.controller.admin;

import io.apay.common.core.result.ApiResult;
import io.apay.common.core.result.PageParam;
import io.apay.common.core.result.PageResult;
import io.apay.common.core.security.Permission;
import io.apay.common.web.security.RequiresPermission;
import io.apay.merchant.controller.admin.vo.CreateMerchantRequest;
import io.apay.merchant.controller.admin.vo.MerchantView;
import io.apay.merchant.controller.admin.vo.PayoutAddressesRequest;
import io.apay.merchant.controller.admin.vo.ReasonRequest;
import io.apay.merchant.controller.admin.vo.RotateKeyRequest;
import io.apay.merchant.controller.admin.vo.WhitelistRequest;
import io.apay.merchant.service.MerchantService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Merchant onboarding by a merchant manager: create, suspend, resume, IP whitelist, payout addresses, key rotation. */
@RestController
@RequestMapping("/admin-api/merchant/merchants")
public class MerchantAdminController {

    private final MerchantService merchants;

    public MerchantAdminController(MerchantService merchants) {
        this.merchants = merchants;
    }

    @RequiresPermission(Permission.MERCHANT_MANAGE)
    @PostMapping
    public ApiResult<MerchantView> create(@Valid @RequestBody CreateMerchantRequest r) {
        return ApiResult.ok(merchants.create(r.merchantNo(), r.name(), r.ipWhitelist(), r.publicKeyPem(), r.reason()));
    }

    @RequiresPermission(Permission.MERCHANT_READ)
    @GetMapping
    public ApiResult<PageResult<MerchantView>> list(@RequestParam(required = false) @Size(max = 64) String q, @Valid PageParam page) {
        return ApiResult.ok(merchants.list(q, page));
    }

    @RequiresPermission(Permission.MERCHANT_READ)
    @GetMapping("/{merchantNo}")
    public ApiResult<MerchantView> get(@PathVariable String merchantNo) {
        return ApiResult.ok(merchants.get(merchantNo));
    }

    @RequiresPermission(Permission.MERCHANT_MANAGE)
    @PostMapping("/{merchantNo}/suspend")
    public ApiResult<MerchantView> suspend(@PathVariable String merchantNo, @Valid @RequestBody ReasonRequest r) {
        return ApiResult.ok(merchants.suspend(merchantNo, r.reason()));
    }

    @RequiresPermission(Permission.MERCHANT_MANAGE)
    @PostMapping("/{merchantNo}/resume")
    public ApiResult<MerchantView> resume(@PathVariable String merchantNo, @Valid @RequestBody ReasonRequest r) {
        return ApiResult.ok(merchants.resume(merchantNo, r.reason()));
    }

    @RequiresPermission(Permission.MERCHANT_MANAGE)
    @PutMapping("/{merchantNo}/ip-whitelist")
    public ApiResult<MerchantView> whitelist(@PathVariable String merchantNo, @Valid @RequestBody WhitelistRequest r) {
        return ApiResult.ok(merchants.setWhitelist(merchantNo, r.ipWhitelist(), r.reason()));
    }

    /** Replaces the addresses the merchant's payouts may go to (docs/merchant-api.md, "Payouts"). */
    @RequiresPermission(Permission.MERCHANT_MANAGE)
    @PutMapping("/{merchantNo}/payout-addresses")
    public ApiResult<MerchantView> payoutAddresses(@PathVariable String merchantNo, @Valid @RequestBody PayoutAddressesRequest r) {
        return ApiResult.ok(merchants.setPayoutAddresses(merchantNo, r.payoutAddresses(), r.reason()));
    }

    @RequiresPermission(Permission.MERCHANT_MANAGE)
    @PostMapping("/{merchantNo}/keys")
    public ApiResult<MerchantView> rotateKey(@PathVariable String merchantNo, @Valid @RequestBody RotateKeyRequest r) {
        return ApiResult.ok(merchants.rotateKey(merchantNo, r.publicKeyPem(), Duration.ofSeconds(r.graceSeconds()), r.reason()));
    }
}
