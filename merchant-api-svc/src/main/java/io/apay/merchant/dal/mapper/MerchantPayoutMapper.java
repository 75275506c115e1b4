package io.apay.merchant.dal.mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import io.apay.merchant.dal.dataobject.MerchantPayoutDO;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface MerchantPayoutMapper extends BaseMapper<MerchantPayoutDO> {

    /** The payout, its row locked for this transaction (waits): the status read is the one an UPDATE will find. */
    @Select("SELECT * FROM merchant_payout WHERE id = #{id} FOR UPDATE")
    MerchantPayoutDO lock(@Param("id") long id);

    /** Marks a call of the wallet, only while the payout is still REQUESTING (the recovery retries the oldest first). */
    @Update("UPDATE merchant_payout SET attempted_at = #{now} WHERE id = #{id} AND status = 'REQUESTING'")
    int markAttempt(@Param("id") long id, @Param("now") LocalDateTime now);

    /** Takes the wallet's view of the payout, only from the status it was read in. */
    @Update("UPDATE merchant_payout SET status = #{to}, withdrawal_no = #{withdrawalNo}, fee = #{fee}, tx_hash = #{txHash},"
            + " failure_reason = #{failureReason}, updated_at = #{now}, finished_at = #{finishedAt} WHERE id = #{id} AND status = #{from}")
    int follow(@Param("id") long id, @Param("from") String from, @Param("to") String to, @Param("withdrawalNo") String withdrawalNo,
               @Param("fee") BigDecimal fee, @Param("txHash") String txHash, @Param("failureReason") String failureReason,
               @Param("now") LocalDateTime now, @Param("finishedAt") LocalDateTime finishedAt);

    /** Ends the intent the other way: the wallet refused the request. */
    @Update("UPDATE merchant_payout SET status = 'REFUSED', refusal_code = #{code}, refusal_status = #{httpStatus},"
            + " refusal_message = #{message}, updated_at = #{now}, finished_at = #{now} WHERE id = #{id} AND status = 'REQUESTING'")
    int refuse(@Param("id") long id, @Param("code") int code, @Param("httpStatus") int httpStatus, @Param("message") String message,
               @Param("now") LocalDateTime now);
}
