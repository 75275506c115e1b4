package io.apay.wallet.server.controller.app;

import io.apay.common.core.result.ApiResult;
import io.apay.common.core.result.PageParam;
import io.apay.common.core.result.PageResult;
import io.apay.common.web.security.RequestIdentity;
import io.apay.ledger.api.dto.BalanceView;
import io.apay.ledger.api.dto.StatementEntry;
import io.apay.wallet.api.dto.WithdrawalView;
import io.apay.wallet.server.controller.app.vo.AddAddressRequest;
import io.apay.wallet.server.controller.app.vo.AddressBookEntryView;
import io.apay.wallet.server.controller.app.vo.DepositAddressRequest;
import io.apay.wallet.server.controller.app.vo.DepositAddressView;
import io.apay.wallet.server.controller.app.vo.DepositView;
import io.apay.wallet.server.controller.app.vo.TransferRequestVO;
import io.apay.wallet.server.controller.app.vo.TransferView;
import io.apay.wallet.server.controller.app.vo.WithdrawRequest;
import io.apay.wallet.server.controller.app.vo.WithdrawalQuote;
import io.apay.wallet.server.service.AddressBookService;
import io.apay.wallet.server.service.BalanceService;
import io.apay.wallet.server.service.DepositService;
import io.apay.wallet.server.service.OwnerRefs;
import io.apay.wallet.server.service.TransferService;
import io.apay.wallet.server.service.WithdrawalService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** An app user's wallet: deposits, withdrawals, the address book, internal transfers, balances and statements. */
@RestController
@Validated
public class WalletController {

    private final DepositService deposits;
    private final WithdrawalService withdrawals;
    private final AddressBookService addressBook;
    private final TransferService transfers;
    private final BalanceService balances;

    public WalletController(DepositService deposits, WithdrawalService withdrawals, AddressBookService addressBook,
                            TransferService transfers, BalanceService balances) {
        this.deposits = deposits;
        this.withdrawals = withdrawals;
        this.addressBook = addressBook;
        this.transfers = transfers;
        this.balances = balances;
    }

    @PostMapping("/app-api/wallet/deposit-addresses")
    public ApiResult<DepositAddressView> depositAddress(@Valid @RequestBody DepositAddressRequest request) {
        return ApiResult.ok(deposits.address(OwnerRefs.user(RequestIdentity.requireUserId()), request.network()));
    }

    @GetMapping("/app-api/wallet/deposits")
    public ApiResult<List<DepositView>> deposits(@RequestParam(required = false) @Min(1) @Max(100) Integer limit) {
        return ApiResult.ok(deposits.history(OwnerRefs.user(RequestIdentity.requireUserId()), limit == null ? 50 : limit));
    }

    @GetMapping("/app-api/wallet/withdrawals/quote")
    public ApiResult<WithdrawalQuote> quote(@RequestParam @Pattern(regexp = "[A-Z0-9_]{2,32}") String network,
                                            @RequestParam @Pattern(regexp = "[A-Z0-9]{2,16}") String coin,
                                            @RequestParam @NotNull BigDecimal amount) {
        return ApiResult.ok(withdrawals.quote(RequestIdentity.requireUserId(), network, coin, amount));
    }

    @PostMapping("/app-api/wallet/withdrawals")
    public ApiResult<WithdrawalView> withdraw(@Valid @RequestBody WithdrawRequest request) {
        return ApiResult.ok(withdrawals.withdraw(RequestIdentity.requireUserId(), request));
    }

    @GetMapping("/app-api/wallet/withdrawals")
    public ApiResult<PageResult<WithdrawalView>> myWithdrawals(@Valid PageParam page) {
        return ApiResult.ok(withdrawals.list(OwnerRefs.user(RequestIdentity.requireUserId()), null, page));
    }

    @GetMapping("/app-api/wallet/withdrawals/{requestNo}")
    public ApiResult<WithdrawalView> myWithdrawal(@PathVariable @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String requestNo) {
        return ApiResult.ok(withdrawals.mine(RequestIdentity.requireUserId(), requestNo));
    }

    @PostMapping("/app-api/wallet/address-book")
    public ApiResult<AddressBookEntryView> addAddress(@Valid @RequestBody AddAddressRequest request) {
        return ApiResult.ok(addressBook.add(RequestIdentity.requireUserId(), request.network(), request.address(), request.label()));
    }

    @GetMapping("/app-api/wallet/address-book")
    public ApiResult<List<AddressBookEntryView>> addressBook() {
        return ApiResult.ok(addressBook.list(RequestIdentity.requireUserId()));
    }

    @DeleteMapping("/app-api/wallet/address-book/{entryId}")
    public ApiResult<Void> deleteAddress(@PathVariable long entryId) {
        addressBook.delete(RequestIdentity.requireUserId(), entryId);
        return ApiResult.ok();
    }

    @PostMapping("/app-api/wallet/transfers")
    public ApiResult<TransferView> transfer(@Valid @RequestBody TransferRequestVO request) {
        return ApiResult.ok(transfers.transfer(RequestIdentity.requireUserId(), request));
    }

    @GetMapping("/app-api/wallet/transfers")
    public ApiResult<PageResult<TransferView>> myTransfers(@Valid PageParam page) {
        return ApiResult.ok(transfers.list(RequestIdentity.requireUserId(), page));
    }

    @GetMapping("/app-api/wallet/balances")
    public ApiResult<List<BalanceView>> balances() {
        return ApiResult.ok(balances.balances(RequestIdentity.requireUserId()));
    }

    @GetMapping("/app-api/wallet/statement")
    public ApiResult<PageResult<StatementEntry>> statement(@RequestParam @Pattern(regexp = "[A-Z0-9]{2,16}") String coin,
                                                           @Valid PageParam page) {
        return ApiResult.ok(balances.statement(RequestIdentity.requireUserId(), coin, page));
    }
}
