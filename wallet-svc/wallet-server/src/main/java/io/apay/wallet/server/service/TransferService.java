package io.apay.wallet.server.service;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import com.baomidou.mybatisplus.extension.plugins.pagination.Page;
import io.apay.common.core.error.ErrorCode;
import io.apay.common.core.error.ServiceException;
import io.apay.common.core.result.PageParam;
import io.apay.common.core.result.PageResult;
import io.apay.common.rpc.RemoteOutcome;
import io.apay.common.web.oplog.OperationLog;
import io.apay.ledger.api.KeyVoids;
import io.apay.ledger.api.LedgerApi;
import io.apay.ledger.api.dto.AccountRef;
import io.apay.ledger.api.dto.TransactionView;
import io.apay.ledger.api.dto.TransferLeg;
import io.apay.ledger.api.dto.TransferRequest;
import io.apay.ledger.api.enums.AccountKind;
import io.apay.ledger.api.enums.OwnerType;
import io.apay.user.api.UserErrorCodes;
import io.apay.user.api.UserSecurityApi;
import io.apay.user.api.dto.UserContactView;
import io.apay.wallet.api.WalletErrorCodes;
import io.apay.wallet.server.controller.app.vo.TransferRequestVO;
import io.apay.wallet.server.controller.app.vo.TransferView;
import io.apay.wallet.server.dal.dataobject.TransferDO;
import io.apay.wallet.server.dal.mapper.TransferMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Internal transfers between app users: no chain, one ledger transfer from the sender's AVAILABLE to the
 * recipient's. The pattern (docs/development.md): the row is stored PENDING and committed, the ledger moves the coin
 * under {@code wallet:transfer:<id>}, then DONE; a refusal voids the key and ends it FAILED (nothing moved); an
 * unknown outcome stays PENDING for the recovery. Idempotent on (sender, transferNo), checked before the two-factor
 * code is used, so a retry of the same transfer needs no fresh code and moves nothing twice.
 */
@Service
public class TransferService {

    private static final Logger log = LoggerFactory.getLogger(TransferService.class);

    private final TransferMapper transfers;
    private final WithdrawalRules rules;
    private final SecondFactor secondFactor;
    private final UserSecurityApi users;
    private final LedgerApi ledger;
    private final KeyVoids voids;
    private final Clock clock;

    public TransferService(TransferMapper transfers, WithdrawalRules rules, SecondFactor secondFactor, UserSecurityApi users,
                           LedgerApi ledger, KeyVoids voids, Clock clock) {
        this.transfers = transfers;
        this.rules = rules;
        this.secondFactor = secondFactor;
        this.users = users;
        this.ledger = ledger;
        this.voids = voids;
        this.clock = clock;
    }

    @OperationLog(value = "wallet.transfer", mask = {"totpCode"})
    public TransferView transfer(long userId, TransferRequestVO r) {
        if ((r.toUserId() == null) == (r.toPhone() == null)) {
            throw new ServiceException(WalletErrorCodes.RECIPIENT_REQUIRED);
        }
        String hash = WithdrawalService.fingerprint(r.toUserId(), r.toPhone(), r.coin(), r.amount());
        TransferDO existing = find(userId, r.transferNo());
        if (existing != null) {
            return repeat(existing, hash);
        }
        BigDecimal amount = rules.amount(r.coin(), r.amount());
        long to = recipient(r);
        if (to == userId) {
            throw new ServiceException(WalletErrorCodes.TRANSFER_TO_SELF);
        }
        secondFactor.confirm(userId, r.totpCode(), false, null);
        TransferDO t = new TransferDO();
        t.setTransferNo(r.transferNo());
        t.setFromUserId(userId);
        t.setToUserId(to);
        t.setCoin(r.coin());
        t.setAmount(amount);
        t.setStatus("PENDING");
        t.setRequestHash(hash);
        t.setCreatedAt(now());
        t.setUpdatedAt(now());
        try {
            transfers.insert(t);
        } catch (DuplicateKeyException e) {
            return repeat(find(userId, r.transferNo()), hash);
        }
        move(t.getId());
        return view(transfers.selectById(t.getId()));
    }

    /** Moves a PENDING transfer's coin; DONE, or FAILED (key voided) with the wallet's code thrown. */
    public void move(long id) {
        TransferDO t = transfers.selectById(id);
        if (!"PENDING".equals(t.getStatus())) {
            return;
        }
        transfers.markAttempt(id, now());
        String key = "wallet:transfer:" + id;
        RemoteOutcome<TransactionView> moved = RemoteOutcome.of(() -> ledger.transfer(new TransferRequest(key, "transfer:" + id,
                "transfer " + t.getTransferNo(), List.of(new TransferLeg(
                AccountRef.of(OwnerType.USER, Long.toString(t.getFromUserId()), t.getCoin(), AccountKind.AVAILABLE),
                AccountRef.of(OwnerType.USER, Long.toString(t.getToUserId()), t.getCoin(), AccountKind.AVAILABLE), t.getAmount())),
                null, null)).checkedData());
        if (moved instanceof RemoteOutcome.Done<TransactionView> done) {
            transfers.done(id, done.value().txnId(), now());
        } else if (moved instanceof RemoteOutcome.Refused<TransactionView> refused) {
            switch (voids.voidKey(key, "transfer:" + id, "transfer " + id + " not made")) {
                case VOIDED -> {
                    ErrorCode error = WalletRefusals.fromLedger(refused.error());
                    transfers.failed(id, error.code(), now());
                    throw new ServiceException(error);
                }
                case USED -> voids.used(key).ifPresent(txn -> transfers.done(id, txn.txnId(), now()));
                case UNKNOWN -> log.warn("transfer {}: refused, voiding its key had an unknown outcome; recovery retries", id);
            }
        } else {
            log.warn("transfer {}: the ledger's answer was lost; the recovery job finishes it", id);
        }
    }

    public PageResult<TransferView> list(long userId, PageParam page) {
        Page<TransferDO> p = transfers.selectPage(Page.of(page.page(), page.size()), new LambdaQueryWrapper<TransferDO>()
                .and(w -> w.eq(TransferDO::getFromUserId, userId).or().eq(TransferDO::getToUserId, userId))
                .orderByDesc(TransferDO::getId));
        return new PageResult<>(p.getRecords().stream().map(this::view).toList(), p.getTotal());
    }

    private TransferView repeat(TransferDO t, String hash) {
        if (!t.getRequestHash().equals(hash)) {
            throw new ServiceException(WalletErrorCodes.TRANSFER_NO_REUSED);
        }
        move(t.getId()); // a retry drives a transfer whose first answer was lost
        TransferDO now = transfers.selectById(t.getId());
        if ("FAILED".equals(now.getStatus())) {
            throw WalletRefusals.replay(now.getFailureCode());
        }
        return view(now);
    }

    private long recipient(TransferRequestVO r) {
        RemoteOutcome<UserContactView> found = RemoteOutcome.of(() -> (r.toUserId() != null
                ? users.contact(r.toUserId()) : users.byPhone(r.toPhone())).checkedData());
        if (found.refusalCode() == UserErrorCodes.USER_NOT_FOUND.code()
                || found.refusalCode() == io.apay.sms.api.SmsErrorCodes.INVALID_PHONE.code()) {
            throw new ServiceException(WalletErrorCodes.RECIPIENT_NOT_FOUND);
        }
        return Remote.value("recipient", found).userId();
    }

    private TransferDO find(long userId, String transferNo) {
        return transfers.selectOne(new LambdaQueryWrapper<TransferDO>().eq(TransferDO::getFromUserId, userId)
                .eq(TransferDO::getTransferNo, transferNo));
    }

    /** The amount at the coin's scale, like withdrawals and deposits (the column keeps 18 decimals). */
    private TransferView view(TransferDO t) {
        return new TransferView(t.getTransferNo(), t.getFromUserId(), t.getToUserId(), t.getCoin(),
                t.getAmount().setScale(rules.coin(t.getCoin()).getScale(), RoundingMode.UNNECESSARY), t.getStatus(),
                t.getTxnId(), t.getCreatedAt().toInstant(ZoneOffset.UTC));
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }
}
