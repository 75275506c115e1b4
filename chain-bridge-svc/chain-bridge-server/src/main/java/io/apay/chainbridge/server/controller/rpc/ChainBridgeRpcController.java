package io.apay.chainbridge.server.controller.rpc;

import io.apay.chainbridge.api.ChainBridgeApi;
import io.apay.chainbridge.api.dto.AddressCheckView;
import io.apay.chainbridge.api.dto.ChainDepositView;
import io.apay.chainbridge.api.dto.ChainWithdrawalRequest;
import io.apay.chainbridge.api.dto.ChainWithdrawalView;
import io.apay.chainbridge.api.dto.DepositAddressRequest;
import io.apay.chainbridge.api.dto.DepositAddressView;
import io.apay.chainbridge.api.dto.NetworkView;
import io.apay.chainbridge.api.dto.WithdrawalVoidView;
import io.apay.chainbridge.server.service.DepositAddressService;
import io.apay.chainbridge.server.service.DepositQueries;
import io.apay.chainbridge.server.service.WithdrawalService;
import io.apay.common.core.result.ApiResult;
import java.util.List;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
public class ChainBridgeRpcController implements ChainBridgeApi {

    private final DepositAddressService addresses;
    private final DepositQueries deposits;
    private final WithdrawalService withdrawals;

    public ChainBridgeRpcController(DepositAddressService addresses, DepositQueries deposits, WithdrawalService withdrawals) {
        this.addresses = addresses;
        this.deposits = deposits;
        this.withdrawals = withdrawals;
    }

    @Override
    public ApiResult<List<NetworkView>> networks() {
        return ApiResult.ok(deposits.networks());
    }

    @Override
    public ApiResult<DepositAddressView> depositAddress(DepositAddressRequest request) {
        return ApiResult.ok(addresses.depositAddress(request));
    }

    @Override
    public ApiResult<AddressCheckView> checkAddress(String network, String address) {
        return ApiResult.ok(addresses.check(network, address));
    }

    @Override
    public ApiResult<List<ChainDepositView>> depositsOfOwner(String ownerRef, Integer limit) {
        return ApiResult.ok(deposits.ofOwner(ownerRef, limit));
    }

    @Override
    public ApiResult<List<ChainDepositView>> confirmedDeposits(long afterSeq, int limit) {
        return ApiResult.ok(deposits.confirmedAfter(afterSeq, limit));
    }

    @Override
    public ApiResult<ChainWithdrawalView> send(ChainWithdrawalRequest request) {
        return ApiResult.ok(withdrawals.send(request));
    }

    @Override
    public ApiResult<ChainWithdrawalView> withdrawal(String withdrawalId) {
        return ApiResult.ok(withdrawals.get(withdrawalId));
    }

    @Override
    public ApiResult<WithdrawalVoidView> voidWithdrawal(String withdrawalId) {
        return ApiResult.ok(withdrawals.voidWithdrawal(withdrawalId));
    }
}
