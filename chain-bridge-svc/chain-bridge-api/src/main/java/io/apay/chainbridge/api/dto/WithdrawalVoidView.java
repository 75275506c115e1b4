package io.apay.chainbridge.api.dto;

/**
 * The answer to voiding a withdrawal id. {@code voided}: nothing was ever accepted under it, and nothing ever will be
 * (a later send under it is refused), so the caller may end its withdrawal the other way. Otherwise a real withdrawal
 * was accepted under the id (an earlier attempt): {@code withdrawal} is it, and the caller follows it instead.
 */
public record WithdrawalVoidView(String withdrawalId, boolean voided, ChainWithdrawalView withdrawal) {
}
