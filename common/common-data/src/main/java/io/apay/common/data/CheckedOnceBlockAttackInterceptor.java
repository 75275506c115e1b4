package io.apay.common.data;

import com.baomidou.mybatisplus.core.plugins.InterceptorIgnoreHelper;
import com.baomidou.mybatisplus.core.toolkit.PluginUtils;
import com.baomidou.mybatisplus.extension.plugins.inner.BlockAttackInnerInterceptor;
import java.sql.Connection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.ibatis.executor.statement.StatementHandler;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.SqlCommandType;

/**
 * MyBatis-Plus's guard against an UPDATE or DELETE without WHERE, parsing each distinct statement once. The guard
 * parses the SQL of every update with JSqlParser, which was about a tenth of otc-svc's and push-svc's CPU per order;
 * the verdict depends only on the SQL text (parameters are {@code ?}), so a statement that passed once passes again.
 * A refused statement is never remembered: it is parsed and refused every time.
 */
public class CheckedOnceBlockAttackInterceptor extends BlockAttackInnerInterceptor {

    /** Distinct statements remembered; beyond it the memory starts again (a service has a few hundred). */
    static final int MAX_REMEMBERED = 10_000;

    private final Set<String> passed = ConcurrentHashMap.newKeySet();

    @Override
    public void beforePrepare(StatementHandler sh, Connection connection, Integer transactionTimeout) {
        PluginUtils.MPStatementHandler handler = PluginUtils.mpStatementHandler(sh);
        MappedStatement ms = handler.mappedStatement();
        SqlCommandType type = ms.getSqlCommandType();
        if ((type != SqlCommandType.UPDATE && type != SqlCommandType.DELETE) || InterceptorIgnoreHelper.willIgnoreBlockAttack(ms.getId())) {
            return; // never checked: nothing to remember (an exempted mapper's text must not pass for another's)
        }
        String sql = handler.boundSql().getSql();
        if (passed.contains(sql)) {
            return;
        }
        super.beforePrepare(sh, connection, transactionTimeout); // throws for an UPDATE/DELETE without WHERE
        if (passed.size() >= MAX_REMEMBERED) {
            passed.clear();
        }
        passed.add(sql);
    }
}
