package io.apay.ledger.api.dto;

/** A coin the ledger keeps, with the number of decimals its amounts may have. */
public record CoinView(String code, int scale) {
}
