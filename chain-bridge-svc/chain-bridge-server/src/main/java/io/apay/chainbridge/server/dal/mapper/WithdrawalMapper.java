package io.apay.chainbridge.server.dal.mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import io.apay.chainbridge.server.dal.dataobject.WithdrawalDO;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface WithdrawalMapper extends BaseMapper<WithdrawalDO> {

    @Select("SELECT * FROM chain_withdrawal WHERE withdrawal_id = #{withdrawalId}")
    WithdrawalDO findByWithdrawalId(@Param("withdrawalId") String withdrawalId);

    @Select("SELECT * FROM chain_withdrawal WHERE network = #{network} AND status = #{status} ORDER BY id LIMIT #{limit}")
    List<WithdrawalDO> inStatus(@Param("network") String network, @Param("status") String status, @Param("limit") int limit);

    /**
     * Per coin, what the hot wallet has signed and not yet paid: withdrawals with a nonce in no block yet, their amounts
     * and the sum of their latest fee prices (times a transfer's gas: their gas).
     */
    @Select("SELECT coin, SUM(amount) AS amount, SUM(fee_price) AS fee_prices FROM chain_withdrawal WHERE network = #{network}"
            + " AND status IN ('QUEUED', 'BROADCAST') AND nonce IS NOT NULL AND block_number IS NULL GROUP BY coin")
    List<Map<String, Object>> unpaid(@Param("network") String network);

    /** The nonce is assigned once: only to a QUEUED withdrawal that has none. */
    @Update("UPDATE chain_withdrawal SET from_address = #{from}, nonce = #{nonce}, fee_price = #{feePrice}, tx_hash = #{txHash},"
            + " last_sent_at = #{now}, updated_at = #{now} WHERE id = #{id} AND status = 'QUEUED' AND nonce IS NULL")
    int assignNonce(@Param("id") long id, @Param("from") String from, @Param("nonce") long nonce, @Param("feePrice") BigDecimal feePrice,
                    @Param("txHash") String txHash, @Param("now") LocalDateTime now);

    @Update("UPDATE chain_withdrawal SET status = 'BROADCAST', updated_at = #{now} WHERE id = #{id} AND status = 'QUEUED' AND nonce IS NOT NULL")
    int broadcast(@Param("id") long id, @Param("now") LocalDateTime now);

    /**
     * A new transaction of the withdrawal (a fee replacement, or re-signed after expiry or a refusal) was signed and
     * stored: it is now the transaction to watch and re-send. Only if {@code prevTxHash} is still the latest: of two
     * passes that read the same one, the second matches nothing and rolls its signing back, so never two are live.
     */
    @Update("UPDATE chain_withdrawal SET nonce = #{nonce}, fee_price = #{feePrice}, tx_hash = #{txHash}, last_sent_at = #{now},"
            + " updated_at = #{now} WHERE id = #{id} AND status = #{status} AND tx_hash = #{prevTxHash}")
    int replaced(@Param("id") long id, @Param("status") String status, @Param("prevTxHash") String prevTxHash, @Param("nonce") long nonce,
                 @Param("feePrice") BigDecimal feePrice, @Param("txHash") String txHash, @Param("now") LocalDateTime now);

    @Update("UPDATE chain_withdrawal SET tx_hash = #{txHash}, block_number = #{blockNumber}, confirmations = #{confirmations},"
            + " updated_at = #{now} WHERE id = #{id} AND status = 'BROADCAST'")
    int progress(@Param("id") long id, @Param("txHash") String txHash, @Param("blockNumber") Long blockNumber,
                 @Param("confirmations") int confirmations, @Param("now") LocalDateTime now);

    @Update("UPDATE chain_withdrawal SET status = #{to}, tx_hash = #{txHash}, block_number = #{blockNumber}, confirmations = #{confirmations},"
            + " failure_reason = #{reason}, updated_at = #{now} WHERE id = #{id} AND status = 'BROADCAST'")
    int finish(@Param("id") long id, @Param("to") String to, @Param("txHash") String txHash, @Param("blockNumber") Long blockNumber,
               @Param("confirmations") int confirmations, @Param("reason") String reason, @Param("now") LocalDateTime now);
}
