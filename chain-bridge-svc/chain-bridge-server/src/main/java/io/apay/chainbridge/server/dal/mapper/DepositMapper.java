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

    @Update("UPDATE chain_deposit SET status = 'CONFIRMED', confirmations = #{confirmations}, confirmed_at = #{now}, updated_at = #{now}"
            + " WHERE id = #{id} AND status = 'SEEN'")
    int confirm(@Param("id") long id, @Param("confirmations") int confirmations, @Param("now") LocalDateTime now);

    @Select("SELECT * FROM chain_deposit WHERE network = #{network} AND block_number > #{fork} AND status = 'CONFIRMED'")
    List<DepositDO> confirmedAbove(@Param("network") String network, @Param("fork") long fork);

    /** A reorg replaced the blocks above {@code fork}: their unconfirmed deposits are not (or no longer) on the chain. */
    @Update("UPDATE chain_deposit SET status = 'ORPHANED', updated_at = #{now}"
            + " WHERE network = #{network} AND block_number > #{fork} AND status = 'SEEN'")
    int orphanAbove(@Param("network") String network, @Param("fork") long fork, @Param("now") LocalDateTime now);

    @Select("SELECT * FROM chain_deposit WHERE owner_ref = #{ownerRef} ORDER BY id DESC LIMIT #{limit}")
    List<DepositDO> ofOwner(@Param("ownerRef") String ownerRef, @Param("limit") int limit);

    @Select("SELECT * FROM chain_deposit WHERE status = 'CONFIRMED' AND id > #{afterId} ORDER BY id LIMIT #{limit}")
    List<DepositDO> confirmedAfter(@Param("afterId") long afterId, @Param("limit") int limit);

    @Select("SELECT * FROM chain_deposit WHERE network = #{network} AND tx_hash = #{txHash} AND log_index = #{logIndex}")
    DepositDO find(@Param("network") String network, @Param("txHash") String txHash, @Param("logIndex") int logIndex);
}
