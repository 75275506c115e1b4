package io.apay.wealth.server.controller.admin;

import io.apay.common.core.result.ApiResult;
import io.apay.common.core.result.PageParam;
import io.apay.common.core.result.PageResult;
import io.apay.common.core.security.Permission;
import io.apay.common.web.security.RequiresPermission;
import io.apay.common.web.validation.EnumName;
import io.apay.wealth.server.controller.admin.vo.ProductRequest;
import io.apay.wealth.server.controller.admin.vo.ProductView;
import io.apay.wealth.server.controller.admin.vo.ReasonRequest;
import io.apay.wealth.server.service.product.ProductAdminService;
import io.apay.wealth.server.service.product.ProductStatus;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operators: wealth products (docs/wealth.md, "Products"; docs/admin.md, "Wealth products"). */
@RestController
@Validated
public class ProductAdminController {

    private static final String PRODUCTS = "/admin-api/wealth/products";

    private final ProductAdminService products;

    public ProductAdminController(ProductAdminService products) {
        this.products = products;
    }

    @RequiresPermission(Permission.WEALTH_MANAGE)
    @PostMapping(PRODUCTS)
    public ApiResult<ProductView> create(@Valid @RequestBody ProductRequest request) {
        return ApiResult.ok(products.create(request));
    }

    @RequiresPermission(Permission.WEALTH_MANAGE)
    @PutMapping(PRODUCTS + "/{productId}")
    public ApiResult<ProductView> edit(@PathVariable @Positive long productId, @Valid @RequestBody ProductRequest request) {
        return ApiResult.ok(products.edit(productId, request));
    }

    @RequiresPermission(Permission.WEALTH_MANAGE)
    @PostMapping(PRODUCTS + "/{productId}/publish")
    public ApiResult<ProductView> publish(@PathVariable @Positive long productId, @Valid @RequestBody ReasonRequest r) {
        return ApiResult.ok(products.publish(productId, r.reason()));
    }

    @RequiresPermission(Permission.WEALTH_MANAGE)
    @PostMapping(PRODUCTS + "/{productId}/pause")
    public ApiResult<ProductView> pause(@PathVariable @Positive long productId, @Valid @RequestBody ReasonRequest r) {
        return ApiResult.ok(products.pause(productId, r.reason()));
    }

    @RequiresPermission(Permission.WEALTH_MANAGE)
    @PostMapping(PRODUCTS + "/{productId}/resume")
    public ApiResult<ProductView> resume(@PathVariable @Positive long productId, @Valid @RequestBody ReasonRequest r) {
        return ApiResult.ok(products.resume(productId, r.reason()));
    }

    @RequiresPermission(Permission.WEALTH_MANAGE)
    @PostMapping(PRODUCTS + "/{productId}/retire")
    public ApiResult<ProductView> retire(@PathVariable @Positive long productId, @Valid @RequestBody ReasonRequest r) {
        return ApiResult.ok(products.retire(productId, r.reason()));
    }

    @RequiresPermission(Permission.WEALTH_READ)
    @GetMapping(PRODUCTS)
    public ApiResult<PageResult<ProductView>> list(@RequestParam(required = false) @EnumName(ProductStatus.class) String status,
                                                   @Valid PageParam page) {
        return ApiResult.ok(products.list(status, page));
    }

    @RequiresPermission(Permission.WEALTH_READ)
    @GetMapping(PRODUCTS + "/{productId}")
    public ApiResult<ProductView> get(@PathVariable @Positive long productId) {
        return ApiResult.ok(products.get(productId));
    }
}
