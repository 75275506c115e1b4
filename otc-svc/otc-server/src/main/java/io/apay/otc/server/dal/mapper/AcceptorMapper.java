package io.apay.otc.server.dal.mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import io.apay.otc.server.dal.dataobject.AcceptorDO;
import java.time.LocalDateTime;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface AcceptorMapper extends BaseMapper<AcceptorDO> {

    /** Applies a presence change only if (epoch, phase) is newer than the last one applied (push-api AcceptorPresenceRule). */
    @Update("UPDATE acceptor SET online = #{online}, presence_epoch = #{epoch}, presence_phase = #{phase}, presence_at = #{at},"
            + " updated_at = #{now} WHERE user_id = #{id}"
            + " AND (presence_epoch < #{epoch} OR (presence_epoch = #{epoch} AND presence_phase < #{phase}))")
    int applyPresence(@Param("id") long acceptorId, @Param("epoch") long epoch, @Param("phase") int phase,
                      @Param("online") boolean online, @Param("at") LocalDateTime at, @Param("now") LocalDateTime now);
}
