package io.apay.chainbridge.api;

import io.apay.chainbridge.api.dto.AddressCheckView;
import io.apay.chainbridge.api.dto.ChainDepositView;
import io.apay.chainbridge.api.dto.ChainWithdrawalRequest;
import io.apay.chainbridge.api.dto.ChainWithdrawalView;
import io.apay.chainbridge.api.dto.DepositAddressRequest;
import io.apay.chainbridge.api.dto.DepositAddressView;
import io.apay.chainbridge.api.dto.NetworkView;
import io.apay.chainbridge.api.dto.WithdrawalVoidView;
import io.apay.common.core.result.ApiResult;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * chain-bridge-svc's internal API (Feign, {@value #PREFIX}/**, never routed by the gateway), used by wallet-svc.
 * chain-bridge-svc knows chains; it never changes a balance. It tells wallet-svc about confirmed deposits and
 * withdrawal outcomes by events ({@link io.apay.chainbridge.api.event.ChainEvents}) and answers the same facts here,
 * so a lost event is found again by polling (wallet-svc's recovery).
 */
@FeignClient(name = "chain-bridge-svc", contextId = "chainBridgeApi")
public interface ChainBridgeApi {

    String PREFIX = "/rpc-api/chain";

    /** The configured networks and the coins each carries. */
    @GetMapping(PREFIX + "/networks")
    ApiResult<List<NetworkView>> networks();

    /**
     * The deposit address of an owner on a network: derived from the network's extended public key at the next
     * free index the first time, the same address on every later call (idempotent on network + owner).
     */
    @PostMapping(PREFIX + "/deposit-addresses")
    ApiResult<DepositAddressView> depositAddress(@RequestBody @Valid DepositAddressRequest request);

    /**
     * Whether {@code address} is a valid address of {@code network} (format, checksum, network). Answers the
     * canonical form (EVM: EIP-55 mixed case) and whether it is one of the platform's own addresses
     * ({@link AddressCheckView#platformAddress()}: {@link #send} refuses it). Invalid: {@link ChainBridgeErrorCodes#ADDRESS_INVALID};
     * unknown network: {@link ChainBridgeErrorCodes#NETWORK_UNKNOWN}.
     */
    @GetMapping(PREFIX + "/addresses/check")
    ApiResult<AddressCheckView> checkAddress(@RequestParam("network") String network, @RequestParam("address") String address);

    /**
     * Deposits to an owner's addresses, newest first, any status (so the owner sees confirmations count up).
     */
    @GetMapping(PREFIX + "/deposits/by-owner")
    ApiResult<List<ChainDepositView>> depositsOfOwner(@RequestParam("ownerRef") String ownerRef,
                                                      @RequestParam(value = "limit", required = false) Integer limit);

    /**
     * CONFIRMED deposits in the order they confirmed: by ascending {@link ChainDepositView#confirmSeq()} after
     * {@code afterId}, which is a confirmSeq despite its name (kept so the URL does not change; 0 first). Keyset
     * paging: pass the last confirmSeq read; a page shorter than {@code limit}, 1-1000, is the last. Not by id: an id
     * is given when a deposit is first seen, and deposits confirm in another order, so a cursor over ids would skip
     * one that confirms after a higher id was read; a confirmSeq never becomes visible after a higher one.
     * wallet-svc's recovery reads this to credit any deposit whose event it missed.
     */
    @GetMapping(PREFIX + "/deposits/confirmed")
    ApiResult<List<ChainDepositView>> confirmedDeposits(@RequestParam("afterId") long afterId, @RequestParam("limit") int limit);

    /**
     * Sends coin on chain. Idempotent on {@code withdrawalId}: a repeat with the same payload answers the same
     * withdrawal; the same id with another payload is {@link ChainBridgeErrorCodes#WITHDRAWAL_ID_REUSED}. The answer
     * is usually QUEUED or BROADCAST; the outcome (CONFIRMED or FAILED) comes by event and by {@link #withdrawal}.
     */
    @PostMapping(PREFIX + "/withdrawals")
    ApiResult<ChainWithdrawalView> send(@RequestBody @Valid ChainWithdrawalRequest request);

    /**
     * Unknown id: {@link ChainBridgeErrorCodes#WITHDRAWAL_NOT_FOUND} (so a caller knows it was never accepted; a voided
     * id answers the same).
     */
    @GetMapping(PREFIX + "/withdrawals/{withdrawalId}")
    ApiResult<ChainWithdrawalView> withdrawal(@PathVariable("withdrawalId") String withdrawalId);

    /**
     * Voids a withdrawal id before the caller ends its withdrawal the other way (docs/development.md, "void its key
     * first"): a refused send does not prove that an earlier attempt under the id (still in flight, another replica)
     * will not be accepted later. If nothing was accepted under the id, a tombstone is stored under it and every later
     * send with it is {@link ChainBridgeErrorCodes#WITHDRAWAL_VOIDED}: {@code voided} true. If a withdrawal was
     * accepted under it, that withdrawal is answered ({@code voided} false) and the caller follows it. Idempotent.
     */
    @PostMapping(PREFIX + "/withdrawals/{withdrawalId}/void")
    ApiResult<WithdrawalVoidView> voidWithdrawal(
            @PathVariable("withdrawalId") @Pattern(regexp = "[A-Za-z0-9._:-]{1,64}") String withdrawalId);
}
