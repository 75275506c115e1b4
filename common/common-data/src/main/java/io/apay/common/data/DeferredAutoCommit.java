package io.apay.common.data;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.DriverDataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Saves the two autocommit switches of a transaction on a pooled connection. Spring turns autocommit off before a
 * transaction and on again after it, and the MariaDB driver sends each switch as a statement of its own: a quarter
 * of the round trips of a paid order (docs/benchmarks/paid-orders.md). Here, under the pool, a connection that leaves
 * a transaction stays in manual-commit mode on the server while it answers "autocommit on" to everyone; the switch
 * back is sent only when something may run SQL outside a transaction (a statement executed, metadata, the driver's
 * own connection handed out), just before that. So transactions that follow one another on a connection switch
 * nothing, and a statement outside a transaction still runs with autocommit on, as before.
 *
 * <p>Nothing is left uncommitted by the deferral: turning autocommit "on" commits whatever the connection holds
 * (JDBC's rule; the driver sends COMMIT only when the server says a transaction is open), every statement executed
 * while autocommit is "on" first makes the switch real (a statement prepared inside a transaction and executed after
 * it too), and the pool's {@code clearWarnings} on every return commits anything still open while autocommit is "on".
 * The server's real mode is always read from the driver (it tracks the server's status), never kept here.
 */
final class DeferredAutoCommit implements InvocationHandler {

    /** Connection methods that run no SQL in the session's current transaction mode: no need to switch back first. */
    private static final Set<String> NO_SQL = Set.of("getAutoCommit", "commit", "rollback", "close", "isClosed", "isValid",
            "abort", "getWarnings", "isReadOnly", "setReadOnly", "getTransactionIsolation", "setTransactionIsolation",
            "getNetworkTimeout", "setNetworkTimeout", "getHoldability", "setHoldability", "getClientInfo", "setClientInfo",
            "isWrapperFor", "toString");

    private final Connection target;
    /** What the pool and the application were told: JDBC's autocommit mode of this connection. */
    private boolean autoCommit;

    private DeferredAutoCommit(Connection target, boolean autoCommit) {
        this.target = target;
        this.autoCommit = autoCommit;
    }

    static Connection wrap(Connection target) throws SQLException {
        try {
            return (Connection) Proxy.newProxyInstance(DeferredAutoCommit.class.getClassLoader(), new Class<?>[] {Connection.class},
                    new DeferredAutoCommit(target, target.getAutoCommit()));
        } catch (SQLException | RuntimeException e) {
            target.close();
            throw e;
        }
    }

    @Override
    public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
        switch (m.getName()) {
            case "setAutoCommit" -> {
                setAutoCommit((Boolean) args[0]);
                return null;
            }
            case "getAutoCommit" -> {
                return autoCommit;
            }
            case "equals" -> {
                return proxy == args[0];
            }
            case "hashCode" -> {
                return System.identityHashCode(proxy);
            }
            case "clearWarnings" -> {
                // the pool calls it on every return: nothing may stay uncommitted on a connection in autocommit mode
                if (autoCommit) {
                    target.commit();
                }
            }
            default -> {
                if (!NO_SQL.contains(m.getName())) {
                    switchBackIfDeferred();
                }
            }
        }
        Object result = call(target, m, args);
        if (result instanceof Statement statement) {
            Class<?> type = result instanceof CallableStatement ? CallableStatement.class
                    : result instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
            return Proxy.newProxyInstance(DeferredAutoCommit.class.getClassLoader(), new Class<?>[] {type}, (p, sm, sargs) -> {
                if (sm.getName().startsWith("execute")) {
                    switchBackIfDeferred(); // prepared inside a transaction, executed after it: autocommit for real
                }
                if (sm.getName().equals("getConnection")) {
                    return proxy;
                }
                return call(statement, sm, sargs);
            });
        }
        return result;
    }

    private static Object call(Object target, Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private void setAutoCommit(boolean on) throws SQLException {
        if (!on) {
            target.setAutoCommit(false); // the driver sends nothing when the server is in manual-commit mode already
            autoCommit = false;
            return;
        }
        if (!autoCommit) {
            // JDBC: turning autocommit on commits the transaction in progress (nothing is sent when none is open)
            target.commit();
        }
        autoCommit = true; // the server's switch waits for the next statement outside a transaction
    }

    private void switchBackIfDeferred() throws SQLException {
        if (autoCommit && !target.getAutoCommit()) {
            target.setAutoCommit(true);
        }
    }

    /** The driver's connections, each wrapped: what the pool is given instead of the driver's DataSource. */
    static final class Source extends DelegatingDataSource {
        Source(DataSource driver) {
            super(driver);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return wrap(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return wrap(super.getConnection(username, password));
        }
    }

    /**
     * Puts {@link Source} under every Hikari pool configured by URL (Spring Boot's): the pool then takes its
     * connections from the driver through it. A pool given its own DataSource is left as it is. It runs before
     * other post-processors, so one that wraps the pool (a test's statement counter) still finds the pool itself.
     */
    static final class UnderThePool implements BeanPostProcessor, PriorityOrdered {
        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            if (bean instanceof HikariDataSource hikari && hikari.getDataSource() == null && hikari.getJdbcUrl() != null
                    && !hikari.isRunning()) {
                Properties props = new Properties();
                props.putAll(hikari.getDataSourceProperties());
                hikari.setDataSource(new Source(new DriverDataSource(hikari.getJdbcUrl(), hikari.getDriverClassName(), props,
                        hikari.getUsername(), hikari.getPassword())));
            }
            return bean;
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
