package io.apay.wealth.server.dal.mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import io.apay.wealth.server.dal.dataobject.FundingDO;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** Reward-pool fundings ({@code wealth_funding}): PENDING -> DONE or FAILED. */
@Mapper
public interface FundingMapper extends BaseMapper<FundingDO> {

    @Select("SELECT * FROM wealth_funding WHERE funding_no = #{fundingNo}")
    FundingDO byNo(@Param("fundingNo") String fundingNo);

    @Update("UPDATE wealth_funding SET attempted_at = #{now} WHERE id = #{id} AND status = 'PENDING'")
    int markAttempt(@Param("id") long id, @Param("now") LocalDateTime now);

    @Update("UPDATE wealth_funding SET status = 'DONE', txn_id = #{txnId}, updated_at = #{now} WHERE id = #{id} AND status = 'PENDING'")
    int done(@Param("id") long id, @Param("txnId") long txnId, @Param("now") LocalDateTime now);

    @Update("UPDATE wealth_funding SET status = 'FAILED', failure_code = #{code}, updated_at = #{now} WHERE id = #{id} AND status = 'PENDING'")
    int failed(@Param("id") long id, @Param("code") int code, @Param("now") LocalDateTime now);

    /** PENDING fundings not attempted since {@code before}, the least recently attempted first (the recovery). */
    @Select("SELECT id FROM wealth_funding WHERE status = 'PENDING' AND created_at < #{before}"
            + " AND (attempted_at IS NULL OR attempted_at < #{before}) ORDER BY attempted_at LIMIT #{limit}")
    List<Long> stale(@Param("before") LocalDateTime before, @Param("limit") int limit);
}
