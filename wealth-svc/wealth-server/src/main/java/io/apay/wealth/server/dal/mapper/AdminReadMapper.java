package io.apay.wealth.server.dal.mapper;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import lombok.Data;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** What operators read of {@code wealth_accrual} beyond the app's view: each day's reward with the run that paid it. */
@Mapper
public interface AdminReadMapper {

    @Select("SELECT day, amount, run_id FROM wealth_accrual WHERE position_id = #{positionId} ORDER BY day DESC"
            + " LIMIT #{limit} OFFSET #{offset}")
    List<RunReward> positionAccruals(@Param("positionId") long positionId, @Param("offset") long offset, @Param("limit") int limit);

    /** One day's reward of one position and the run that paid it. */
    @Data
    class RunReward {
        private LocalDate day;
        private BigDecimal amount;
        private Long runId;
    }
}
