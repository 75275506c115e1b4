package io.apay.wealth.server.service.product;

/** A product's life (docs/wealth.md): DRAFT (editable) -> ON_SALE <-> PAUSED -> RETIRED (from any status). */
public enum ProductStatus {
    DRAFT, ON_SALE, PAUSED, RETIRED
}
