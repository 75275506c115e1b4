package io.apay.common.web.oplog;

import io.apay.common.core.result.ApiResult;
import io.apay.common.core.result.PageParam;
import io.apay.common.core.result.PageResult;
import io.apay.common.core.security.Permission;
import io.apay.common.web.security.RequiresPermission;
import jakarta.validation.Valid;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Every service's op-log, read by operators at {@code /admin-api/<service>/op-logs}, newest first. */
@RestController
public class OperationLogAdminController {

    private final JdbcTemplate jdbc;

    public OperationLogAdminController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @RequiresPermission(Permission.OPLOG_READ)
    @GetMapping("/admin-api/{service}/op-logs")
    public ApiResult<PageResult<Map<String, Object>>> list(@RequestParam(required = false) String operation,
                                                           @RequestParam(required = false) String actorType,
                                                           @RequestParam(required = false) String actorId,
                                                           @Valid PageParam page) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (operation != null) {
            where.append(" AND operation = ?");
            args.add(operation);
        }
        if (actorType != null) {
            where.append(" AND actor_type = ?");
            args.add(actorType);
        }
        if (actorId != null) {
            where.append(" AND actor_id = ?");
            args.add(actorId);
        }
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM op_log" + where, Long.class, args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(page.size());
        pageArgs.add(page.offset());
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT id, operation, actor_type, actor_id, args, reason, before_state,"
                + " after_state, outcome, error_code, duration_ms, trace_id, client_ip, created_at FROM op_log" + where
                + " ORDER BY id DESC LIMIT ? OFFSET ?", pageArgs.toArray());
        return ApiResult.ok(new PageResult<>(rows, total == null ? 0 : total));
    }
}
