package io.apay.common.data;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.DriverDataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Saves the two autocommit switches of a transaction on a pooled connection. Spring turns autocommit off before a
 * transaction and on again after it, and the MariaDB driver sends each switch as a statement of its own: a quarter
 * of the round trips of a paid order (docs/benchmarks/paid-orders.md). Here, under the pool, a connection that leaves
 * a transaction stays in manual-commit mode on the server while it answers "autocommit on" to everyone; the switch
 * back is sent only when something else than another transaction uses it (a statement, metadata: whatever could
 * run SQL), just before that. So transactions that follow one another on a connection switch nothing, and a
 * statement outside a transaction still runs with autocommit on, as before.
 *
 * <p>Nothing is left uncommitted by the deferral: turning autocommit "on" commits whatever the connection holds
 * (JDBC's rule; the driver sends nothing when no transaction is open), and the real switch is made before any
 * statement outside a transaction.
 */
final class DeferredAutoCommit implements InvocationHandler {

    /** Methods that run no SQL in the session's current transaction mode: no need to switch autocommit back first. */
    private static final Set<String> NO_SQL = Set.of("getAutoCommit", "commit", "rollback", "close", "isClosed", "isValid",
            "abort", "getWarnings", "clearWarnings", "isReadOnly", "setReadOnly", "getTransactionIsolation",
            "setTransactionIsolation", "getNetworkTimeout", "setNetworkTimeout", "getHoldability", "setHoldability",
            "getClientInfo", "setClientInfo", "toString", "hashCode", "equals");

    private final Connection target;
    /** What the pool and the application were told: JDBC's autocommit mode of this connection. */
    private boolean autoCommit;
    /** The server session's real mode. */
    private boolean serverAutoCommit;

    private DeferredAutoCommit(Connection target) throws SQLException {
        this.target = target;
        this.autoCommit = target.getAutoCommit();
        this.serverAutoCommit = autoCommit;
    }

    static Connection wrap(Connection target) throws SQLException {
        return (Connection) Proxy.newProxyInstance(DeferredAutoCommit.class.getClassLoader(), new Class<?>[] {Connection.class},
                new DeferredAutoCommit(target));
    }

    @Override
    public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
        String name = m.getName();
        if (name.equals("setAutoCommit")) {
            setAutoCommit((Boolean) args[0]);
            return null;
        }
        if (name.equals("getAutoCommit")) {
            return autoCommit;
        }
        if (!NO_SQL.contains(name)) {
            // a statement, metadata, or the driver's own connection (unwrap): it may run SQL, so in the real mode
            switchBackIfDeferred();
        }
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private void setAutoCommit(boolean on) throws SQLException {
        if (!on) {
            if (serverAutoCommit) {
                target.setAutoCommit(false);
                serverAutoCommit = false;
            }
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
        if (autoCommit && !serverAutoCommit) {
            target.setAutoCommit(true);
            serverAutoCommit = true;
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
     * connections from the driver through it. A pool given its own DataSource is left as it is.
     */
    static final class UnderThePool implements BeanPostProcessor {
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
    }
}
