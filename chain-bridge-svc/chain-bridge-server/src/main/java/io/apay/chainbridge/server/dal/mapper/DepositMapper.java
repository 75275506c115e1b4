package io.apay.chainbridge.server.dal.mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import io.apay.chainbridge.server.dal.dataobject.DepositDO;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface DepositMapper extends BaseMapper<DepositDO> {

    /** Records a transfer once: a rescan of the same block (restart, replica) inserts nothing. */
    @Insert("INSERT IGNORE INTO chain_deposit (network, coin, tx_hash, log_index, address, owner_ref, from_address, amount,"
            + " block_number, block_hash, confirmations, required_confirmations, status, swept, seen_at, updated_at)"
            + " VALUES (#{d.network}, #{d.coin}, #{d.txHash}, #{d.logIndex}, #{d.address}, #{d.ownerRef}, #{d.fromAddress}, #{d.amount},"
            + " #{d.blockNumber}, #{d.blockHash}, #{d.confirmations}, #{d.requiredConfirmations}, 'SEEN', 0, #{d.seenAt}, #{d.seenAt})")
    int insertIgnore(@Param("d") DepositDO deposit);

    /** A transfer orphaned by a reorg that the new canonical chain carries again (in another block): seen again. */
    @Update("UPDATE chain_deposit SET status = 'SEEN', block_number = #{blockNumber}, block_hash = #{blockHash},"
            + " confirmations = 0, updated_at = #{now}"
            + " WHERE network = #{network} AND tx_hash = #{txHash} AND log_index = #{logIndex} AND status = 'ORPHANED'")
    int revive(@Param("network") String network, @Param("txHash") String txHash, @Param("logIndex") int logIndex,
               @Param("blockNumber") long blockNumber, @Param("blockHash") String blockHash, @Param("now") LocalDateTime now);

    /** Confirmations of the network's SEEN deposits, counted up to the scanned height. */
    @Update("UPDATE chain_deposit SET confirmations = #{scanned} - block_number + 1, updated_at = #{now}"
            + " WHERE network = #{network} AND status = 'SEEN' AND block_number <= #{scanned}")
    int countConfirmations(@Param("network") String network, @Param("scanned") long scanned, @Param("now") LocalDateTime now);

    @Select("SELECT * FROM chain_deposit WHERE network = #{network} AND status = 'SEEN'"
            + " AND #{scanned} - block_number + 1 >= required_confirmations ORDER BY id FOR UPDATE")
    List<DepositDO> lockReadyToConfirm(@Param("network") String network, @Param("scanned") long scanned);

    /**
     * Takes the next confirm_seq. The counter row stays locked until the caller's transaction ends, so every other
     * confirming transaction waits here until this one committed (or rolled back, leaving a gap).
     */
    @Update("UPDATE deposit_confirm_counter SET last_seq = last_seq + 1 WHERE id = 1")
    int nextConfirmSeq();

    /** The seq {@link #nextConfirmSeq()} just took (this transaction's own write). */
    @Select("SELECT last_seq FROM deposit_confirm_counter WHERE id = 1")
    long lastConfirmSeq();

    @Update("UPDATE chain_deposit SET status = 'CONFIRMED', confirmations = #{confirmations}, confirmed_at = #{now},"
            + " confirm_seq = #{seq}, updated_at = #{now} WHERE id = #{id} AND status = 'SEEN'")
    int confirm(@Param("id") long id, @Param("confirmations") int confirmations, @Param("seq") long seq,
                @Param("now") LocalDateTime now);

    @Select("SELECT * FROM chain_deposit WHERE network = #{network} AND block_number > #{fork} AND status = 'CONFIRMED'")
    List<DepositDO> confirmedAbove(@Param("network") String network, @Param("fork") long fork);

    /** A reorg replaced the blocks above {@code fork}: their unconfirmed deposits are not (or no longer) on the chain. */
    @Update("UPDATE chain_deposit SET status = 'ORPHANED', updated_at = #{now}"
            + " WHERE network = #{network} AND block_number > #{fork} AND status = 'SEEN'")
    int orphanAbove(@Param("network") String network, @Param("fork") long fork, @Param("now") LocalDateTime now);

    @Select("SELECT * FROM chain_deposit WHERE owner_ref = #{ownerRef} ORDER BY id DESC LIMIT #{limit}")
    List<DepositDO> ofOwner(@Param("ownerRef") String ownerRef, @Param("limit") int limit);

    /** CONFIRMED deposits in confirmation order after {@code afterSeq} (only CONFIRMED rows have a seq). */
    @Select("SELECT * FROM chain_deposit WHERE confirm_seq > #{afterSeq} ORDER BY confirm_seq LIMIT #{limit}")
    List<DepositDO> confirmedAfter(@Param("afterSeq") long afterSeq, @Param("limit") int limit);

    /** CONFIRMED with {@code from <= confirmed_at < to}, by id after {@code afterId} (the reconciliation's window). */
    @Select("SELECT * FROM chain_deposit WHERE status = 'CONFIRMED' AND confirmed_at >= #{from} AND confirmed_at < #{to}"
            + " AND id > #{afterId} ORDER BY id LIMIT #{limit}")
    List<DepositDO> confirmedBetween(@Param("from") LocalDateTime from, @Param("to") LocalDateTime to, @Param("afterId") long afterId,
                                     @Param("limit") int limit);

    /** The deposits with these keys (any status), by id; one equality triple each, so every key is a lookup of the unique key. */
    @Select("<script>SELECT * FROM chain_deposit WHERE"
            + "<foreach collection='keys' item='k' separator=' OR '>"
            + " (network = #{k.network} AND tx_hash = #{k.txHash} AND log_index = #{k.logIndex})"
            + "</foreach> ORDER BY id</script>")
    List<DepositDO> byKeys(@Param("keys") List<DepositKey> keys);

    /** What identifies a deposit: {@code deposit:<network>:<txHash>:<logIndex>}. */
    record DepositKey(String network, String txHash, int logIndex) {
    }

    /**
     * The same token transfer recorded from another block at another log index (a log index is per block: a reorg
     * deeper than the confirmations re-includes a transaction with new ones), unless ORPHANED.
     */
    @Select("SELECT * FROM chain_deposit WHERE network = #{network} AND tx_hash = #{txHash} AND address = #{address} AND coin = #{coin}"
            + " AND amount = #{amount} AND log_index >= 0 AND log_index <> #{logIndex} AND block_hash <> #{blockHash}"
            + " AND status <> 'ORPHANED' ORDER BY id LIMIT 1")
    DepositDO sameTransferFromAnotherBlock(@Param("network") String network, @Param("txHash") String txHash,
                                           @Param("address") String address, @Param("coin") String coin,
                                           @Param("amount") java.math.BigDecimal amount, @Param("logIndex") int logIndex,
                                           @Param("blockHash") String blockHash);
}
