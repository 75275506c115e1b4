package io.apay.ledger.api;

import io.apay.common.core.result.ApiResult;
import io.apay.common.core.result.PageResult;
import io.apay.ledger.api.dto.BalanceView;
import io.apay.ledger.api.dto.BizRefsRequest;
import io.apay.ledger.api.dto.CoinView;
import io.apay.ledger.api.dto.CreditRequest;
import io.apay.ledger.api.dto.FeeQuote;
import io.apay.ledger.api.dto.HoldRequest;
import io.apay.ledger.api.dto.HoldView;
import io.apay.ledger.api.dto.ReconcileRequest;
import io.apay.ledger.api.dto.ReconciliationReport;
import io.apay.ledger.api.dto.ReleaseHoldRequest;
import io.apay.ledger.api.dto.ReverseRequest;
import io.apay.ledger.api.dto.SettleHoldRequest;
import io.apay.ledger.api.dto.StatementEntry;
import io.apay.ledger.api.dto.TransactionView;
import io.apay.ledger.api.dto.TransferRequest;
import io.apay.ledger.api.dto.VoidKeyRequest;
import io.apay.ledger.api.enums.AccountKind;
import io.apay.ledger.api.enums.HoldStatus;
import io.apay.ledger.api.enums.OwnerType;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The ledger's internal API (Feign, {@value #PREFIX}/**, never routed by the gateway). Only the ledger changes
 * balances. Every mutating call carries an idempotency key: a repeat with the same key and the same payload
 * answers the same transaction without a second effect; the same key with a different payload is rejected with
 * {@link LedgerErrorCodes#IDEMPOTENCY_KEY_REUSED} and no effect. A rejected (4xx) call has no effect at all. A write
 * answered {@link LedgerErrorCodes#LEDGER_BUSY} or the ledger's {@code 10503} committed nothing;
 * {@link LedgerErrorCodes#OUTCOME_UNKNOWN} (and a caller-side {@code 10503}/{@code 10504}) may have committed.
 * Retry every one of them with the same key and payload until a definite answer. See docs/ledger.md.
 */
@FeignClient(name = "ledger-svc", contextId = "ledgerApi")
public interface LedgerApi {

    String PREFIX = "/rpc-api/ledger";

    /** A multi-leg transfer, all or nothing. */
    @PostMapping(PREFIX + "/transfers")
    ApiResult<TransactionView> transfer(@RequestBody @Valid TransferRequest request);

    /** An operator credit from the platform's FUNDING account to an owner's AVAILABLE account. */
    @PostMapping(PREFIX + "/credits")
    ApiResult<TransactionView> credit(@RequestBody @Valid CreditRequest request);

    /** Holds (freezes) coin; the answer's {@code holdId} names the hold. */
    @PostMapping(PREFIX + "/holds")
    ApiResult<TransactionView> hold(@RequestBody @Valid HoldRequest request);

    /** Settles a hold (fully or partly) to a payee minus fees, in one transaction. */
    @PostMapping(PREFIX + "/holds/{holdId}/settle")
    ApiResult<TransactionView> settle(@PathVariable("holdId") long holdId, @RequestBody @Valid SettleHoldRequest request);

    /** Releases what remains on a hold back to the owner. */
    @PostMapping(PREFIX + "/holds/{holdId}/release")
    ApiResult<TransactionView> release(@PathVariable("holdId") long holdId, @RequestBody @Valid ReleaseHoldRequest request);

    /** Reverses a TRANSFER or CREDIT with its exact negation. */
    @PostMapping(PREFIX + "/transactions/{txnId}/reverse")
    ApiResult<TransactionView> reverse(@PathVariable("txnId") long txnId, @RequestBody @Valid ReverseRequest request);

    /** Claims an idempotency key without moving money: no later request can use it (14030). See docs/ledger.md. */
    @PostMapping(PREFIX + "/keys/void")
    ApiResult<TransactionView> voidKey(@RequestBody @Valid VoidKeyRequest request);

    @GetMapping(PREFIX + "/holds/{holdId}")
    ApiResult<HoldView> getHold(@PathVariable("holdId") long holdId);

    /** Every account of an owner (of one coin, if given). Accounts not used yet are not listed. */
    @GetMapping(PREFIX + "/balances")
    ApiResult<List<BalanceView>> balances(@RequestParam("ownerType") OwnerType ownerType,
                                          @RequestParam("ownerId") String ownerId,
                                          @RequestParam(value = "coin", required = false) String coin);

    /** The postings of one account, newest first. */
    @GetMapping(PREFIX + "/statement")
    ApiResult<PageResult<StatementEntry>> statement(@RequestParam("ownerType") OwnerType ownerType,
                                                    @RequestParam("ownerId") String ownerId,
                                                    @RequestParam("coin") String coin,
                                                    @RequestParam("kind") AccountKind kind,
                                                    @RequestParam(value = "pageNo", required = false) Integer pageNo,
                                                    @RequestParam(value = "pageSize", required = false) Integer pageSize);

    @GetMapping(PREFIX + "/transactions/{txnId}")
    ApiResult<TransactionView> getTransaction(@PathVariable("txnId") long txnId);

    @GetMapping(PREFIX + "/transactions/by-key")
    ApiResult<TransactionView> getTransactionByKey(@RequestParam("idempotencyKey") String idempotencyKey);

    /**
     * Holds whose biz ref starts with {@code bizRefPrefix} (1-128 characters, for example {@code ad:}), matched
     * exactly as written (case counts; {@code %} and {@code _} are plain characters), optionally only those in
     * {@code status}, by ascending id after {@code afterId} (0 first; keyset paging: a page shorter than
     * {@code limit}, 1-1000, is the last).
     */
    @GetMapping(PREFIX + "/holds")
    ApiResult<List<HoldView>> listHolds(@RequestParam("bizRefPrefix") String bizRefPrefix,
                                        @RequestParam(value = "status", required = false) HoldStatus status,
                                        @RequestParam("afterId") long afterId,
                                        @RequestParam("limit") int limit);

    /** Every transaction whose biz ref is one of these (at most 500 refs), oldest first. */
    @PostMapping(PREFIX + "/transactions/by-biz-refs")
    ApiResult<List<TransactionView>> findTransactionsByBizRefs(@RequestBody @Valid BizRefsRequest request);

    /** Transactions with this business reference, oldest first (at most 100). */
    @GetMapping(PREFIX + "/transactions")
    ApiResult<List<TransactionView>> findTransactions(@RequestParam("bizRef") String bizRef);

    /** What a settlement or transfer of {@code amount} would pay in fees under the current schedule. */
    @GetMapping(PREFIX + "/fees/quote")
    ApiResult<FeeQuote> quoteFee(@RequestParam("coin") String coin,
                                 @RequestParam("bizType") String bizType,
                                 @RequestParam("amount") String amount);

    @GetMapping(PREFIX + "/coins")
    ApiResult<List<CoinView>> coins();

    /** Checks every invariant over the whole journal, records the run and answers its report. */
    @PostMapping(PREFIX + "/reconciliation")
    ApiResult<ReconciliationReport> reconcile(@RequestBody @Valid ReconcileRequest request);
}
