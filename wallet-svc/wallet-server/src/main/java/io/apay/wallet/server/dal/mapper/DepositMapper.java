package io.apay.wallet.server.dal.mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import io.apay.wallet.server.dal.dataobject.DepositDO;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface DepositMapper extends BaseMapper<DepositDO> {

    @Update("UPDATE wallet_deposit SET attempted_at = #{now} WHERE id = #{id} AND status = 'CREDITING'")
    int markAttempt(@Param("id") long id, @Param("now") LocalDateTime now);

    @Update("UPDATE wallet_deposit SET status = 'CREDITED', credit_txn_id = #{txnId}, last_error = NULL, updated_at = #{now}"
            + " WHERE id = #{id} AND status = 'CREDITING'")
    int credited(@Param("id") long id, @Param("txnId") long txnId, @Param("now") LocalDateTime now);

    /** A deposit recorded before amounts were scaled: what it credits, at the coin's scale. */
    @Update("UPDATE wallet_deposit SET amount = #{amount} WHERE id = #{id} AND status = 'CREDITING'")
    int creditAmount(@Param("id") long id, @Param("amount") BigDecimal amount);

    /** Ended without a credit: nothing of it can be credited (see DepositService). */
    @Update("UPDATE wallet_deposit SET status = 'IGNORED', amount = 0, ignored_reason = #{reason}, updated_at = #{now}"
            + " WHERE id = #{id} AND status = 'CREDITING'")
    int ignored(@Param("id") long id, @Param("reason") String reason, @Param("now") LocalDateTime now);

    @Update("UPDATE wallet_deposit SET last_error = #{error} WHERE id = #{id} AND status = 'CREDITING'")
    int refused(@Param("id") long id, @Param("error") String error);
}
