package io.apay.wallet.server.dal.mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import io.apay.wallet.server.dal.dataobject.TransferDO;
import java.time.LocalDateTime;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface TransferMapper extends BaseMapper<TransferDO> {

    @Update("UPDATE wallet_transfer SET attempted_at = #{now} WHERE id = #{id} AND status = 'PENDING'")
    int markAttempt(@Param("id") long id, @Param("now") LocalDateTime now);

    @Update("UPDATE wallet_transfer SET status = 'DONE', txn_id = #{txnId}, updated_at = #{now} WHERE id = #{id} AND status = 'PENDING'")
    int done(@Param("id") long id, @Param("txnId") long txnId, @Param("now") LocalDateTime now);

    @Update("UPDATE wallet_transfer SET status = 'FAILED', failure_code = #{code}, updated_at = #{now} WHERE id = #{id} AND status = 'PENDING'")
    int failed(@Param("id") long id, @Param("code") int code, @Param("now") LocalDateTime now);
}
