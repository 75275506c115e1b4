package io.apay.wallet.server.service;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import com.baomidou.mybatisplus.extension.plugins.pagination.Page;
import io.apay.common.core.error.ServiceException;
import io.apay.common.core.result.PageParam;
import io.apay.common.core.result.PageResult;
import io.apay.common.web.oplog.OperationLog;
import io.apay.common.web.oplog.OperationLogContext;
import io.apay.common.web.security.RequestIdentity;
import io.apay.wallet.api.WalletErrorCodes;
import io.apay.wallet.api.dto.PayoutRequest;
import io.apay.wallet.api.dto.WithdrawalView;
import io.apay.wallet.server.config.WalletProperties.CoinRule;
import io.apay.wallet.server.controller.app.vo.WithdrawRequest;
import io.apay.wallet.server.controller.app.vo.WithdrawalQuote;
import io.apay.wallet.server.dal.dataobject.WithdrawalDO;
import io.apay.wallet.server.dal.mapper.OwnerMapper;
import io.apay.wallet.server.dal.mapper.WithdrawalMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Withdrawals of app users and payouts of merchants: the same rules (fee, minimum, scale, daily limit, review) and
 * the same steps ({@link WithdrawalSteps}). An app user also needs two-factor (and SMS above a threshold) and a saved
 * address past its cool-down; a merchant's address and signature were checked by merchant-api-svc.
 *
 * <p>Idempotent on (owner, requestNo/payoutNo): a repeat with the same payload answers the withdrawal as it is now
 * (or the refusal its hold got), and is checked before any code is asked for, so a retry needs no fresh code;
 * another payload is {@link WalletErrorCodes#REQUEST_NO_REUSED} with nothing held. A refused hold leaves the
 * withdrawal FAILED with nothing held (the row stays, so the number keeps its answer).
 */
@Service
public class WithdrawalService {

    private final WithdrawalMapper withdrawals;
    private final OwnerMapper owners;
    private final WithdrawalRules rules;
    private final SecondFactor secondFactor;
    private final ChainAddresses addresses;
    private final AddressBookService addressBook;
    private final WithdrawalSteps steps;
    private final TransactionTemplate tx;
    private final Clock clock;

    public WithdrawalService(WithdrawalMapper withdrawals, OwnerMapper owners, WithdrawalRules rules, SecondFactor secondFactor,
                             ChainAddresses addresses, AddressBookService addressBook, WithdrawalSteps steps,
                             PlatformTransactionManager txManager, Clock clock) {
        this.withdrawals = withdrawals;
        this.owners = owners;
        this.rules = rules;
        this.secondFactor = secondFactor;
        this.addresses = addresses;
        this.addressBook = addressBook;
        this.steps = steps;
        this.tx = new TransactionTemplate(txManager);
        this.clock = clock;
    }

    @OperationLog(value = "wallet.withdrawal.request", mask = {"totpCode", "smsCode"})
    public WithdrawalView withdraw(long userId, WithdrawRequest r) {
        String owner = OwnerRefs.user(userId);
        return request(owner, r.requestNo(), r.network(), r.coin(), r.toAddress(), r.amount(), (amount, address) -> {
            addressBook.requireUsable(owner, r.network(), address);
            // the codes last: a request refused for its amount or address must not spend the user's code, nor count
            // as a wrong guess towards the two-factor lock
            secondFactor.confirm(userId, r.totpCode(), rules.needsSms(r.coin(), amount), r.smsCode());
        });
    }

    /** A merchant's payout: no codes, no address book (merchant-api-svc checked its signature and whitelist). */
    public WithdrawalView payout(PayoutRequest r) {
        return request(OwnerRefs.merchant(r.merchantNo()), r.payoutNo(), r.network(), r.coin(), r.toAddress(), r.amount(),
                (amount, address) -> { });
    }

    /**
     * A repeat answers the first withdrawal; a new one is checked (amount, destination, then the owner's own
     * {@code checks} of the scaled amount and canonical address) and held.
     */
    private WithdrawalView request(String owner, String clientRef, String network, String coin, String toAddress,
                                   BigDecimal requested, BiConsumer<BigDecimal, String> checks) {
        String hash = fingerprint(network, coin, toAddress, requested);
        Optional<WithdrawalView> repeat = repeatOf(owner, clientRef, hash);
        if (repeat.isPresent()) {
            return repeat.get();
        }
        BigDecimal amount = rules.withdrawalAmount(network, coin, requested);
        String address = addresses.destination(network, toAddress);
        checks.accept(amount, address);
        return admitAndHold(owner, clientRef, network, coin, address, amount, hash);
    }

    public WithdrawalQuote quote(long userId, String network, String coin, BigDecimal amount) {
        BigDecimal scaled = rules.withdrawalAmount(network, coin, amount);
        BigDecimal fee = rules.fee(network, coin);
        CoinRule rule = rules.coin(coin);
        BigDecimal left = rule.getDailyLimit().subtract(withdrawals.withdrawnSince(OwnerRefs.user(userId), coin, startOfDay()))
                .max(BigDecimal.ZERO).setScale(rule.getScale(), RoundingMode.DOWN);
        return new WithdrawalQuote(network, coin, scaled, fee, scaled.add(fee), rule.getMinWithdrawal().setScale(rule.getScale(), RoundingMode.DOWN),
                rule.getDailyLimit().setScale(rule.getScale(), RoundingMode.DOWN), left,
                rules.needsSms(coin, scaled), rules.needsReview(coin, scaled));
    }

    public WithdrawalView mine(long userId, String requestNo) {
        return find(OwnerRefs.user(userId), requestNo).map(rules::view)
                .orElseThrow(() -> new ServiceException(WalletErrorCodes.WITHDRAWAL_NOT_FOUND));
    }

    public WithdrawalView payoutOf(String merchantNo, String payoutNo) {
        return find(OwnerRefs.merchant(merchantNo), payoutNo).map(rules::view)
                .orElseThrow(() -> new ServiceException(WalletErrorCodes.WITHDRAWAL_NOT_FOUND));
    }

    public PageResult<WithdrawalView> list(String ownerRef, String status, PageParam page) {
        LambdaQueryWrapper<WithdrawalDO> q = new LambdaQueryWrapper<WithdrawalDO>()
                .eq(ownerRef != null, WithdrawalDO::getOwnerRef, ownerRef)
                .eq(status != null, WithdrawalDO::getStatus, status)
                .orderByDesc(WithdrawalDO::getId);
        Page<WithdrawalDO> p = withdrawals.selectPage(Page.of(page.page(), page.size()), q);
        return new PageResult<>(p.getRecords().stream().map(rules::view).toList(), p.getTotal());
    }

    /** An operator lets a withdrawal in REVIEW go: it is sent. */
    @OperationLog(value = "wallet.withdrawal.approve", reasonRequired = true)
    public WithdrawalView approve(String withdrawalNo, String reason) {
        WithdrawalDO w = byNo(withdrawalNo);
        WithdrawalView before = rules.view(w);
        if (withdrawals.approve(w.getId(), RequestIdentity.operatorId().orElse(null), reason, now()) != 1) {
            throw new ServiceException(WalletErrorCodes.WITHDRAWAL_NOT_IN_REVIEW);
        }
        steps.send(w.getId());
        WithdrawalView after = rules.view(withdrawals.selectById(w.getId()));
        OperationLogContext.recordChange(before, after);
        return after;
    }

    /** An operator stops a withdrawal in REVIEW: its hold is released, REJECTED. */
    @OperationLog(value = "wallet.withdrawal.reject", reasonRequired = true)
    public WithdrawalView reject(String withdrawalNo, String reason) {
        WithdrawalDO w = byNo(withdrawalNo);
        WithdrawalView before = rules.view(w);
        if (withdrawals.reject(w.getId(), RequestIdentity.operatorId().orElse(null), reason, now()) != 1) {
            throw new ServiceException(WalletErrorCodes.WITHDRAWAL_NOT_IN_REVIEW);
        }
        steps.release(w.getId());
        WithdrawalView after = rules.view(withdrawals.selectById(w.getId()));
        OperationLogContext.recordChange(before, after);
        return after;
    }

    /**
     * Under the owner's row lock: today's total plus this amount within the daily limit, then the row is stored
     * HOLDING and committed (the durable intent); then the hold is asked for.
     */
    private WithdrawalView admitAndHold(String owner, String clientRef, String network, String coin, String address, BigDecimal amount,
                                        String hash) {
        BigDecimal fee = rules.fee(network, coin);
        CoinRule rule = rules.coin(coin);
        Long id;
        try {
            owners.ensure(owner, now()); // on its own: inserting it in the locking transaction deadlocks concurrent first withdrawals
            id = tx.execute(s -> {
                owners.lock(owner);
                if (find(owner, clientRef).isPresent()) {
                    return null; // the same number got in first: answered below like any repeat
                }
                BigDecimal used = withdrawals.withdrawnSince(owner, coin, startOfDay());
                if (used.add(amount).compareTo(rule.getDailyLimit()) > 0) {
                    throw new ServiceException(WalletErrorCodes.DAILY_LIMIT_EXCEEDED, "today's limit left: "
                            + rule.getDailyLimit().subtract(used).max(BigDecimal.ZERO).toPlainString() + " " + coin);
                }
                WithdrawalDO w = new WithdrawalDO();
                w.setOwnerRef(owner);
                w.setClientRef(clientRef);
                w.setNetwork(network);
                w.setCoin(coin);
                w.setToAddress(address);
                w.setAmount(amount);
                w.setFee(fee);
                w.setStatus(WithdrawalStates.HOLDING);
                w.setNeedsReview(rules.needsReview(coin, amount));
                w.setRequestHash(hash);
                w.setCreatedAt(now());
                w.setUpdatedAt(now());
                withdrawals.insert(w);
                withdrawals.number(w.getId(), "W" + w.getId());
                return w.getId();
            });
        } catch (DuplicateKeyException e) {
            id = null;
        }
        if (id == null) {
            return repeatOf(owner, clientRef, hash).orElseThrow(() -> new ServiceException(WalletErrorCodes.REQUEST_NO_REUSED));
        }
        steps.hold(id);
        return rules.view(withdrawals.selectById(id));
    }

    /** A repeat of a request: its answer now; another payload under the number is refused. */
    private Optional<WithdrawalView> repeatOf(String owner, String clientRef, String hash) {
        Optional<WithdrawalDO> existing = find(owner, clientRef);
        if (existing.isEmpty()) {
            return Optional.empty();
        }
        WithdrawalDO w = existing.get();
        if (!w.getRequestHash().equals(hash)) {
            throw new ServiceException(WalletErrorCodes.REQUEST_NO_REUSED);
        }
        if (WithdrawalStates.HOLDING.equals(w.getStatus())) {
            steps.hold(w.getId()); // a retry drives a hold whose first answer was lost
            w = withdrawals.selectById(w.getId());
        }
        if (WithdrawalStates.FAILED.equals(w.getStatus()) && w.getHoldId() == null && w.getFailureCode() != null) {
            throw WalletRefusals.replay(w.getFailureCode()); // its hold was refused: the same answer again
        }
        return Optional.of(rules.view(w));
    }

    private Optional<WithdrawalDO> find(String owner, String clientRef) {
        return Optional.ofNullable(withdrawals.selectOne(new LambdaQueryWrapper<WithdrawalDO>()
                .eq(WithdrawalDO::getOwnerRef, owner).eq(WithdrawalDO::getClientRef, clientRef)));
    }

    private WithdrawalDO byNo(String withdrawalNo) {
        WithdrawalDO w = withdrawals.selectOne(new LambdaQueryWrapper<WithdrawalDO>().eq(WithdrawalDO::getWithdrawalNo, withdrawalNo));
        if (w == null) {
            throw new ServiceException(WalletErrorCodes.WITHDRAWAL_NOT_FOUND);
        }
        return w;
    }

    static String fingerprint(Object... parts) {
        StringBuilder text = new StringBuilder();
        for (Object p : parts) {
            text.append(p instanceof BigDecimal d ? (d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString()) : String.valueOf(p))
                    .append('\u001f');
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private LocalDateTime startOfDay() {
        return LocalDate.now(clock).atStartOfDay();
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }
}
