package io.apay.otc.server.dal.mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import io.apay.otc.server.dal.dataobject.AcceptorDO;
import java.time.LocalDateTime;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface AcceptorMapper extends BaseMapper<AcceptorDO> {

    /** Applies a presence change only if (epoch, phase) is newer than the last one applied (push-api AcceptorPresenceRule). */
    @Update("UPDATE acceptor SET online = #{online}, presence_epoch = #{epoch}, presence_phase = #{phase}, presence_at = #{at},"
            + " updated_at = #{now} WHERE user_id = #{id}"
            + " AND (presence_epoch < #{epoch} OR (presence_epoch = #{epoch} AND presence_phase < #{phase}))")
    int applyPresence(@Param("id") long acceptorId, @Param("epoch") long epoch, @Param("phase") int phase,
                      @Param("online") boolean online, @Param("at") LocalDateTime at, @Param("now") LocalDateTime now);

    /** Keeps an ACTIVE acceptor ACTIVE until this transaction ends (a shared lock: leaving waits); null if not active. */
    @Select("SELECT user_id FROM acceptor WHERE user_id = #{id} AND status = 'ACTIVE' LOCK IN SHARE MODE")
    Long lockActive(@Param("id") long acceptorId);

    /** Locks the acceptor's row for this transaction and answers its status. */
    @Select("SELECT status FROM acceptor WHERE user_id = #{id} FOR UPDATE")
    String lockStatus(@Param("id") long acceptorId);

    /** Live ads (neither CLOSED nor FAILED) of an acceptor, read under the caller's lock of the acceptor's row. */
    @Select("SELECT COUNT(*) FROM acceptor_ad WHERE acceptor_id = #{id} AND status NOT IN ('CLOSED', 'FAILED')")
    int liveAds(@Param("id") long acceptorId);

    /** Marks an attempt of the acceptor's intent, only while it is in that intent (the recovery retries the oldest first). */
    @Update("UPDATE acceptor SET intent_attempted_at = #{now} WHERE user_id = #{id} AND status = #{intent}")
    int markAttempt(@Param("id") long acceptorId, @Param("intent") String intent, @Param("now") LocalDateTime now);

    @Update("UPDATE acceptor SET status = #{to}, updated_at = #{now} WHERE user_id = #{id} AND status = #{from}")
    int transition(@Param("id") long acceptorId, @Param("from") String from, @Param("to") String to, @Param("now") LocalDateTime now);

    /**
     * An operator's pause of an ACTIVE acceptor: the first pause's time and operator are kept on a repeat. (MySQL assigns
     * left to right, so operator_paused_by is set while operator_paused_at still holds the old value.)
     */
    @Update("UPDATE acceptor SET operator_paused_by = IF(operator_paused_at IS NULL, #{by}, operator_paused_by),"
            + " operator_paused_at = COALESCE(operator_paused_at, #{now}), updated_at = #{now} WHERE user_id = #{id} AND status = 'ACTIVE'")
    int pauseByOperator(@Param("id") long acceptorId, @Param("by") Long operatorId, @Param("now") LocalDateTime now);

    @Update("UPDATE acceptor SET operator_paused_at = NULL, operator_paused_by = NULL, updated_at = #{now} WHERE user_id = #{id}")
    int resumeByOperator(@Param("id") long acceptorId, @Param("now") LocalDateTime now);
}
