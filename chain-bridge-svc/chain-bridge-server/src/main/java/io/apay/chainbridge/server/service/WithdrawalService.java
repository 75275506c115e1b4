package io.apay.chainbridge.server.service;

import io.apay.chainbridge.api.ChainBridgeErrorCodes;
import io.apay.chainbridge.api.dto.ChainWithdrawalRequest;
import io.apay.chainbridge.api.dto.ChainWithdrawalView;
import io.apay.chainbridge.api.dto.WithdrawalVoidView;
import io.apay.chainbridge.api.enums.ChainWithdrawalStatus;
import io.apay.chainbridge.server.dal.dataobject.WithdrawalDO;
import io.apay.chainbridge.server.dal.mapper.WithdrawalMapper;
import io.apay.common.core.error.ServiceException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Accepts withdrawals: validated, then stored QUEUED (the durable intent) under the caller's withdrawal id; the
 * {@link WithdrawalSender} signs and sends it. A repeat of the same id and payload answers the same withdrawal.
 *
 * <p>A caller that gives a withdrawal up voids its id first: a {@value #VOIDED} row (a tombstone: no network, coin,
 * address or amount) takes the id, so a send still in flight under it is refused instead of queued. Send and void
 * both claim the id by the unique key on {@code withdrawal_id}, so exactly one of them wins. The tombstone is never
 * sent (the sender reads QUEUED rows) and is answered as unknown by {@link #get} and the reconciliation.
 */
@Service
public class WithdrawalService {

    /** The status of a voided id's tombstone (not a {@link ChainWithdrawalStatus}: no withdrawal exists). */
    public static final String VOIDED = "VOIDED";

    private final Networks networks;
    private final WithdrawalMapper withdrawals;
    private final DepositAddressService depositAddresses;
    private final Clock clock;

    public WithdrawalService(Networks networks, WithdrawalMapper withdrawals, DepositAddressService depositAddresses, Clock clock) {
        this.networks = networks;
        this.withdrawals = withdrawals;
        this.depositAddresses = depositAddresses;
        this.clock = clock;
    }

    public ChainWithdrawalView send(ChainWithdrawalRequest request) {
        Network net = networks.require(request.network());
        int decimals = net.decimals(request.coin()).orElseThrow(() -> new ServiceException(ChainBridgeErrorCodes.COIN_NOT_ON_NETWORK));
        String to = net.adapter().canonicalAddress(request.toAddress())
                .orElseThrow(() -> new ServiceException(ChainBridgeErrorCodes.ADDRESS_INVALID));
        if (depositAddresses.isPlatformAddress(net, to)) {
            // safety net behind wallet-svc's own check: the scanner skips the hot wallet's transfers, so nobody is credited
            throw new ServiceException(ChainBridgeErrorCodes.PLATFORM_ADDRESS);
        }
        BigDecimal amount = request.amount().stripTrailingZeros();
        if (amount.scale() > decimals || amount.scale() > 18) {
            throw new ServiceException(ChainBridgeErrorCodes.AMOUNT_SCALE); // never rounded: the caller debited this exact amount
        }
        if (net.hotAddress() == null) {
            throw new ServiceException(ChainBridgeErrorCodes.WITHDRAWALS_NOT_CONFIGURED);
        }
        WithdrawalDO existing = withdrawals.findByWithdrawalId(request.withdrawalId());
        if (existing == null) {
            WithdrawalDO row = new WithdrawalDO();
            LocalDateTime now = LocalDateTime.now(clock);
            row.setWithdrawalId(request.withdrawalId());
            row.setNetwork(net.name());
            row.setCoin(request.coin());
            row.setToAddress(to);
            row.setAmount(amount);
            row.setStatus(ChainWithdrawalStatus.QUEUED.name());
            row.setConfirmations(0);
            row.setCreatedAt(now);
            row.setUpdatedAt(now);
            try {
                withdrawals.insert(row);
                return Views.withdrawal(withdrawals.selectById(row.getId()));
            } catch (DuplicateKeyException concurrent) {
                existing = withdrawals.findByWithdrawalId(request.withdrawalId());
            }
        }
        if (VOIDED.equals(existing.getStatus())) {
            throw new ServiceException(ChainBridgeErrorCodes.WITHDRAWAL_VOIDED);
        }
        if (!existing.getNetwork().equals(net.name()) || !existing.getCoin().equals(request.coin())
                || !existing.getToAddress().equals(to) || existing.getAmount().compareTo(amount) != 0) {
            throw new ServiceException(ChainBridgeErrorCodes.WITHDRAWAL_ID_REUSED);
        }
        return Views.withdrawal(existing);
    }

    public ChainWithdrawalView get(String withdrawalId) {
        WithdrawalDO w = withdrawals.findByWithdrawalId(withdrawalId);
        if (w == null || VOIDED.equals(w.getStatus())) {
            throw new ServiceException(ChainBridgeErrorCodes.WITHDRAWAL_NOT_FOUND);
        }
        return Views.withdrawal(w);
    }

    /** Stores a tombstone under the id unless a withdrawal holds it; answers which (see {@link WithdrawalVoidView}). */
    public WithdrawalVoidView voidWithdrawal(String withdrawalId) {
        WithdrawalDO existing = withdrawals.findByWithdrawalId(withdrawalId);
        if (existing == null) {
            WithdrawalDO tombstone = new WithdrawalDO();
            LocalDateTime now = LocalDateTime.now(clock);
            tombstone.setWithdrawalId(withdrawalId);
            tombstone.setNetwork("");
            tombstone.setCoin("");
            tombstone.setToAddress("");
            tombstone.setAmount(BigDecimal.ZERO);
            tombstone.setStatus(VOIDED);
            tombstone.setConfirmations(0);
            tombstone.setCreatedAt(now);
            tombstone.setUpdatedAt(now);
            try {
                withdrawals.insert(tombstone);
                return new WithdrawalVoidView(withdrawalId, true, null);
            } catch (DuplicateKeyException concurrent) {
                existing = withdrawals.findByWithdrawalId(withdrawalId); // a send (or another void) took the id first
            }
        }
        return VOIDED.equals(existing.getStatus()) ? new WithdrawalVoidView(withdrawalId, true, null)
                : new WithdrawalVoidView(withdrawalId, false, Views.withdrawal(existing));
    }
}
