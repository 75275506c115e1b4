package io.apay.wealth.server.service.product;

/** STAKING: lock a coin, earn the same coin at an APR. MINING: lock one coin, earn another per locked unit per day. */
public enum ProductType {
    STAKING, MINING
}
