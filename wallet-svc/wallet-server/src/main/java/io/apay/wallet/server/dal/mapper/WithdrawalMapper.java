package io.apay.wallet.server.dal.mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import io.apay.wallet.server.dal.dataobject.WithdrawalDO;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** Every state change is one conditional UPDATE from exactly one status, checked by the rows it changed. */
@Mapper
public interface WithdrawalMapper extends BaseMapper<WithdrawalDO> {

    /** What an owner has withdrawn of a coin since {@code since}, counting every withdrawal not FAILED or REJECTED. */
    @Select("SELECT COALESCE(SUM(amount), 0) FROM wallet_withdrawal WHERE owner_ref = #{ownerRef} AND coin = #{coin}"
            + " AND created_at >= #{since} AND status NOT IN ('FAILED', 'REJECTED')")
    BigDecimal withdrawnSince(@Param("ownerRef") String ownerRef, @Param("coin") String coin, @Param("since") LocalDateTime since);

    @Update("UPDATE wallet_withdrawal SET withdrawal_no = #{no} WHERE id = #{id} AND withdrawal_no IS NULL")
    int number(@Param("id") long id, @Param("no") String no);

    @Update("UPDATE wallet_withdrawal SET attempted_at = #{now} WHERE id = #{id} AND status = #{status}")
    int markAttempt(@Param("id") long id, @Param("status") String status, @Param("now") LocalDateTime now);

    @Update("UPDATE wallet_withdrawal SET status = #{to}, hold_id = #{holdId}, updated_at = #{now} WHERE id = #{id} AND status = 'HOLDING'")
    int held(@Param("id") long id, @Param("to") String to, @Param("holdId") long holdId, @Param("now") LocalDateTime now);

    @Update("UPDATE wallet_withdrawal SET status = 'BROADCAST', tx_hash = #{txHash}, updated_at = #{now} WHERE id = #{id} AND status = 'SENDING'")
    int broadcast(@Param("id") long id, @Param("txHash") String txHash, @Param("now") LocalDateTime now);

    /** The chain signed and sent it (or replaced it with a higher fee): the hash the owner follows on chain. */
    @Update("UPDATE wallet_withdrawal SET tx_hash = #{txHash} WHERE id = #{id} AND status = 'BROADCAST'"
            + " AND (tx_hash IS NULL OR tx_hash <> #{txHash})")
    int chainTxHash(@Param("id") long id, @Param("txHash") String txHash);

    /** The chain confirmed it: settle the hold. */
    @Update("UPDATE wallet_withdrawal SET status = 'SETTLING', tx_hash = COALESCE(#{txHash}, tx_hash), updated_at = #{now}"
            + " WHERE id = #{id} AND status = #{from}")
    int settling(@Param("id") long id, @Param("from") String from, @Param("txHash") String txHash, @Param("now") LocalDateTime now);

    /** It will not go out (failed on chain, refused by the chain, rejected by an operator): release the hold. */
    @Update("UPDATE wallet_withdrawal SET status = 'RELEASING', ending = #{ending}, failure_reason = #{reason},"
            + " tx_hash = COALESCE(#{txHash}, tx_hash), updated_at = #{now} WHERE id = #{id} AND status = #{from}")
    int releasing(@Param("id") long id, @Param("from") String from, @Param("ending") String ending, @Param("reason") String reason,
                  @Param("txHash") String txHash, @Param("now") LocalDateTime now);

    /** Ends an intent: SETTLING -> COMPLETED, RELEASING -> FAILED/REJECTED, HOLDING -> FAILED (nothing held). */
    @Update("UPDATE wallet_withdrawal SET status = #{to}, ending = NULL, failure_code = COALESCE(#{failureCode}, failure_code),"
            + " failure_reason = COALESCE(#{reason}, failure_reason), updated_at = #{now} WHERE id = #{id} AND status = #{from}")
    int finish(@Param("id") long id, @Param("from") String from, @Param("to") String to, @Param("failureCode") Integer failureCode,
               @Param("reason") String reason, @Param("now") LocalDateTime now);

    @Update("UPDATE wallet_withdrawal SET status = 'SENDING', reviewed_by = #{operator}, review_reason = #{reason}, reviewed_at = #{now},"
            + " updated_at = #{now} WHERE id = #{id} AND status = 'REVIEW'")
    int approve(@Param("id") long id, @Param("operator") Long operator, @Param("reason") String reason, @Param("now") LocalDateTime now);

    @Update("UPDATE wallet_withdrawal SET status = 'RELEASING', ending = 'REJECTED', failure_reason = 'rejected by review',"
            + " reviewed_by = #{operator}, review_reason = #{reason}, reviewed_at = #{now}, updated_at = #{now}"
            + " WHERE id = #{id} AND status = 'REVIEW'")
    int reject(@Param("id") long id, @Param("operator") Long operator, @Param("reason") String reason, @Param("now") LocalDateTime now);
}
