-- An operator lists a product's fundings (GET /admin-api/wealth/products/{id}/fundings): read by product, newest first.
CREATE INDEX idx_wealth_funding_product ON wealth_funding (product_id, id);
