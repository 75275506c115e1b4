package io.apay.wallet.server.service;

import io.apay.common.core.result.PageParam;
import io.apay.common.core.result.PageResult;
import io.apay.common.rpc.RemoteOutcome;
import io.apay.ledger.api.LedgerApi;
import io.apay.ledger.api.LedgerErrorCodes;
import io.apay.ledger.api.dto.BalanceView;
import io.apay.ledger.api.dto.StatementEntry;
import io.apay.ledger.api.enums.AccountKind;
import io.apay.ledger.api.enums.OwnerType;
import java.util.List;
import org.springframework.stereotype.Service;

/** An app user's balances and the statement of an AVAILABLE account, read from the ledger (the only book). */
@Service
public class BalanceService {

    private final LedgerApi ledger;
    private final WithdrawalRules rules;

    public BalanceService(LedgerApi ledger, WithdrawalRules rules) {
        this.ledger = ledger;
        this.rules = rules;
    }

    public List<BalanceView> balances(long userId) {
        return Remote.check("balances", () -> ledger.balances(OwnerType.USER, Long.toString(userId), null).checkedData());
    }

    /** Newest first; an account never used has an empty statement. */
    public PageResult<StatementEntry> statement(long userId, String coin, PageParam page) {
        rules.coin(coin);
        RemoteOutcome<PageResult<StatementEntry>> found = RemoteOutcome.of(() -> ledger.statement(OwnerType.USER, Long.toString(userId), coin,
                AccountKind.AVAILABLE, page.page(), page.size()).checkedData());
        if (found.refusalCode() == LedgerErrorCodes.ACCOUNT_NOT_FOUND.code()) {
            return PageResult.empty();
        }
        return Remote.value("statement", found);
    }
}
