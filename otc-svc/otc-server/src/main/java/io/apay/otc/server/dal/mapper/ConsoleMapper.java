package io.apay.otc.server.dal.mapper;

import java.time.LocalDateTime;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** What the operators' console reads besides single rows: the dashboard's counts and an order's op-log entries. */
@Mapper
public interface ConsoleMapper {

    @Select("SELECT status AS `key`, COUNT(*) AS n FROM payment_order WHERE created_at >= #{from} AND created_at < #{to} GROUP BY status")
    List<Count> ordersCreatedBetween(@Param("from") LocalDateTime from, @Param("to") LocalDateTime to);

    /** Acceptors by status, and how many ACTIVE ones have their monitor online (key ONLINE). */
    @Select("SELECT status AS `key`, COUNT(*) AS n FROM acceptor GROUP BY status"
            + " UNION ALL SELECT 'ONLINE', COUNT(*) FROM acceptor WHERE online = 1 AND status = 'ACTIVE'")
    List<Count> acceptors();

    @Select("SELECT COUNT(*) FROM payment_order WHERE status = 'APPEAL'")
    long openAppeals();

    @Select("SELECT COUNT(*) FROM payment_report WHERE status = 'UNMATCHED'")
    long unmatchedReports();

    /**
     * The op-log entries of these operations whose arguments name the order: the aspect writes the method's
     * arguments as JSON ({"orderNo":"P...","reason":...}), so {@code argsLike} is {@code %"orderNo":"<orderNo>"%}.
     */
    @Select("<script>SELECT operation, actor_type AS actorType, actor_id AS actorId, args, reason, outcome, error_code AS errorCode,"
            + " duration_ms AS durationMs, created_at AS createdAt FROM op_log WHERE operation IN"
            + " <foreach collection='operations' item='op' open='(' separator=',' close=')'>#{op}</foreach>"
            + " AND created_at >= #{since} AND args LIKE #{argsLike} ORDER BY id</script>")
    List<OpLogRow> opLogs(@Param("operations") List<String> operations, @Param("since") LocalDateTime since,
                          @Param("argsLike") String argsLike);

    class Count {
        public String key;
        public long n;
    }

    class OpLogRow {
        public String operation;
        public String actorType;
        public String actorId;
        public String args;
        public String reason;
        public String outcome;
        public Integer errorCode;
        public long durationMs;
        public LocalDateTime createdAt;
    }
}
