package io.apay.push.server.dal.mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import io.apay.push.server.dal.dataobject.AcceptorMessageDO;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface AcceptorMessageMapper extends BaseMapper<AcceptorMessageDO> {

    @Select("SELECT * FROM acceptor_message WHERE acceptor_id = #{acceptorId} AND status = 0 AND expires_at > #{now}"
            + " ORDER BY id LIMIT #{limit}")
    List<AcceptorMessageDO> findPending(@Param("acceptorId") long acceptorId, @Param("now") LocalDateTime now,
                                        @Param("limit") int limit);

    /** PENDING -> ACKED for the acceptor's own message; 1 if it changed. */
    @Update("UPDATE acceptor_message SET status = 1, acked_at = #{at}, acked_epoch = #{epoch}"
            + " WHERE message_id = #{messageId} AND acceptor_id = #{acceptorId} AND status = 0")
    int ack(@Param("acceptorId") long acceptorId, @Param("messageId") String messageId, @Param("epoch") long epoch,
            @Param("at") LocalDateTime at);

    @Select("SELECT COUNT(*) FROM acceptor_message WHERE message_id = #{messageId} AND acceptor_id = #{acceptorId}")
    int countOwned(@Param("acceptorId") long acceptorId, @Param("messageId") String messageId);
}
