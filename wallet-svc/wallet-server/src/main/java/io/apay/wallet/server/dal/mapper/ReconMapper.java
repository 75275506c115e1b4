package io.apay.wallet.server.dal.mapper;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** What the cross-service reconciliation reads (keyset pages by id, one statement each). DATETIME columns hold UTC. */
@Mapper
public interface ReconMapper {

    /** Deposits CREDITED or IGNORED in [from, to), and every deposit still CREDITING. */
    @Select("SELECT id, chain_deposit_id, network, coin, tx_hash, log_index, address, owner_ref, amount, chain_amount, status,"
            + " credit_txn_id, last_error, created_at, updated_at FROM wallet_deposit WHERE id > #{afterId}"
            + " AND ((status IN ('CREDITED', 'IGNORED') AND updated_at >= #{from} AND updated_at < #{to}) OR status = 'CREDITING')"
            + " ORDER BY id LIMIT #{limit}")
    List<DepositRow> deposits(@Param("from") LocalDateTime from, @Param("to") LocalDateTime to, @Param("afterId") long afterId,
                              @Param("limit") int limit);

    /** Withdrawals that ended in [from, to), and every one not ended yet. */
    @Select("SELECT id, withdrawal_no, owner_ref, network, coin, to_address, amount, fee, status, ending, hold_id, tx_hash,"
            + " created_at, updated_at FROM wallet_withdrawal WHERE id > #{afterId}"
            + " AND ((status IN ('COMPLETED', 'FAILED', 'REJECTED') AND updated_at >= #{from} AND updated_at < #{to})"
            + " OR status NOT IN ('COMPLETED', 'FAILED', 'REJECTED')) ORDER BY id LIMIT #{limit}")
    List<WithdrawalRow> withdrawals(@Param("from") LocalDateTime from, @Param("to") LocalDateTime to, @Param("afterId") long afterId,
                                    @Param("limit") int limit);

    class DepositRow {
        public long id;
        public long chainDepositId;
        public String network;
        public String coin;
        public String txHash;
        public int logIndex;
        public String address;
        public String ownerRef;
        public BigDecimal amount;
        public BigDecimal chainAmount;
        public String status;
        public Long creditTxnId;
        public String lastError;
        public LocalDateTime createdAt;
        public LocalDateTime updatedAt;
    }

    class WithdrawalRow {
        public long id;
        public String withdrawalNo;
        public String ownerRef;
        public String network;
        public String coin;
        public String toAddress;
        public BigDecimal amount;
        public BigDecimal fee;
        public String status;
        public String ending;
        public Long holdId;
        public String txHash;
        public LocalDateTime createdAt;
        public LocalDateTime updatedAt;
    }
}
