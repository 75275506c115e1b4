package io.apay.ledger.server.dal.dataobject;

import io.apay.ledger.api.enums.TxnType;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import lombok.Data;

/** A posting joined with its transaction, for statements. */
@Data
public class StatementRowDO {
    private Long id;
    private Long txnId;
    private TxnType txnType;
    private String bizRef;
    private String memo;
    private String coin;
    private BigDecimal amount;
    private BigDecimal balanceAfter;
    private LocalDateTime createdAt;
}
