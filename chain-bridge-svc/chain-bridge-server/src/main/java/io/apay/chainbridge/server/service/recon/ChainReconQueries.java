package io.apay.chainbridge.server.service.recon;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import io.apay.chainbridge.api.ChainBridgeErrorCodes;
import io.apay.chainbridge.api.dto.ChainDepositView;
import io.apay.chainbridge.api.dto.ChainWithdrawalView;
import io.apay.chainbridge.server.dal.dataobject.WithdrawalDO;
import io.apay.chainbridge.server.dal.mapper.DepositMapper;
import io.apay.chainbridge.server.dal.mapper.DepositMapper.DepositKey;
import io.apay.chainbridge.server.dal.mapper.WithdrawalMapper;
import io.apay.chainbridge.server.service.Views;
import io.apay.chainbridge.server.service.WithdrawalService;
import io.apay.common.core.error.ServiceException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * chain-bridge's side of job-svc's cross-service reconciliation (docs/reconciliation.md): plain reads, no side effect.
 * A key list comes through its request DTO, which takes 1-500 well-formed keys (more is a 400 before this is called),
 * so each lookup is one bounded statement.
 */
@Service
public class ChainReconQueries {

    private static final int MAX_LIMIT = 1000;
    /** {@code deposit:<network>:<txHash>:<logIndex>}, as {@link ChainDepositView#depositKey()} writes it. */
    private static final Pattern DEPOSIT_KEY = Pattern.compile("deposit:([A-Z0-9_]{2,32}):([A-Za-z0-9]{1,100}):(-?[0-9]{1,9})");

    private final DepositMapper deposits;
    private final WithdrawalMapper withdrawals;

    public ChainReconQueries(DepositMapper deposits, WithdrawalMapper withdrawals) {
        this.deposits = deposits;
        this.withdrawals = withdrawals;
    }

    /** Deposits CONFIRMED with {@code from <= confirmedAt < to}, by id after {@code afterId}. */
    public List<ChainDepositView> confirmedBetween(Instant from, Instant to, long afterId, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ServiceException(ChainBridgeErrorCodes.PAGE_LIMIT);
        }
        return deposits.confirmedBetween(utc(from), utc(to), afterId, limit).stream().map(Views::deposit).toList();
    }

    /** The deposits with these keys, any status, by id; a key that names no deposit is left out. */
    public List<ChainDepositView> depositsByKeys(List<String> keys) {
        List<DepositKey> parsed = new ArrayList<>();
        for (String key : keys) {
            Matcher m = DEPOSIT_KEY.matcher(key);
            if (m.matches()) { // one that does not parse names no deposit
                parsed.add(new DepositKey(m.group(1), m.group(2), Integer.parseInt(m.group(3))));
            }
        }
        if (parsed.isEmpty()) {
            return List.of();
        }
        return deposits.byKeys(parsed).stream().map(Views::deposit).toList();
    }

    /** The withdrawals with these caller ids, any status, by id; an unknown (or voided) id is left out. */
    public List<ChainWithdrawalView> withdrawalsByIds(List<String> withdrawalIds) {
        if (withdrawalIds.isEmpty()) {
            return List.of();
        }
        return withdrawals.selectList(new LambdaQueryWrapper<WithdrawalDO>().in(WithdrawalDO::getWithdrawalId, withdrawalIds)
                .ne(WithdrawalDO::getStatus, WithdrawalService.VOIDED) // a voided id names no withdrawal
                .orderByAsc(WithdrawalDO::getId)).stream().map(Views::withdrawal).toList();
    }

    private static LocalDateTime utc(Instant t) {
        return LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
