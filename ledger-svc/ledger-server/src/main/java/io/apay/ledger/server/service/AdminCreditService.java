package io.apay.ledger.server.service;

import io.apay.common.web.oplog.OperationLog;
import io.apay.common.web.oplog.OperationLogContext;
import io.apay.ledger.api.dto.BalanceView;
import io.apay.ledger.api.dto.CreditRequest;
import io.apay.ledger.api.dto.TransactionView;
import io.apay.ledger.api.enums.AccountKind;
import io.apay.ledger.server.controller.admin.vo.AdminCreditRequest;
import java.math.BigDecimal;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Credits by an operator: the same ledger credit as the internal API, with the reason and the balances logged. */
@Service
public class AdminCreditService {

    private final LedgerCommandService commands;
    private final LedgerQueryService queries;

    public AdminCreditService(LedgerCommandService commands, LedgerQueryService queries) {
        this.commands = commands;
        this.queries = queries;
    }

    @OperationLog(value = "ledger.admin.credit", reasonRequired = true)
    public TransactionView credit(AdminCreditRequest r) {
        BigDecimal before = available(r);
        TransactionView txn = commands.credit(new CreditRequest("admin-credit:" + r.requestId(), r.owner(), r.coin(), r.amount(),
                "admin-credit", r.reason()));
        OperationLogContext.recordChange(Map.of("available", before), Map.of("available", available(r), "txnId", txn.txnId()));
        return txn;
    }

    private BigDecimal available(AdminCreditRequest r) {
        return queries.balances(r.owner().ownerType(), r.owner().ownerId(), r.coin()).stream()
                .filter(b -> b.kind() == AccountKind.AVAILABLE).map(BalanceView::balance).findFirst().orElse(BigDecimal.ZERO);
    }
}
