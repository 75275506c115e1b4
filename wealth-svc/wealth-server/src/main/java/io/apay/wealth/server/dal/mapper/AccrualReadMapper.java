package io.apay.wealth.server.dal.mapper;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import lombok.Data;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** Reads a position's daily rewards from {@code wealth_accrual} (written by the accrual) for the app. */
@Mapper
public interface AccrualReadMapper {

    @Select("SELECT day, amount FROM wealth_accrual WHERE position_id = #{positionId} ORDER BY day DESC"
            + " LIMIT #{limit} OFFSET #{offset}")
    List<DailyReward> page(@Param("positionId") long positionId, @Param("offset") long offset, @Param("limit") int limit);

    @Select("SELECT COUNT(*) FROM wealth_accrual WHERE position_id = #{positionId}")
    long count(@Param("positionId") long positionId);

    /** One day's reward of one position. */
    @Data
    class DailyReward {
        private LocalDate day;
        private BigDecimal amount;
    }
}
