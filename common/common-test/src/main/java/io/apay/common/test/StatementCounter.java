package io.apay.common.test;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Test only: wraps the application's DataSource (above the pool) and records, while {@link #start} is on, every
 * round trip the code asks of MariaDB: each executed statement, and each transaction step (autocommit switched
 * off or on, commit, rollback; the MariaDB driver sends each as a statement of its own). Only this JVM's context is
 * seen, so other test runs against the same server change nothing; the pool's own checks are below the wrapper.
 */
public final class StatementCounter implements BeanPostProcessor {

    /**
     * One round trip: a statement's SQL (with the values bound to its parameters, in order), or "set autocommit=0",
     * "set autocommit=1", "commit", "rollback".
     */
    public record Call(String thread, String what, List<Object> params) {
        public boolean isStatement() {
            return !TX_STEPS.contains(what);
        }
    }

    public static final Set<String> TX_STEPS = Set.of("set autocommit=0", "set autocommit=1", "commit", "rollback");

    private final List<Call> calls = new ArrayList<>();
    private volatile boolean recording;

    public synchronized void start() {
        calls.clear();
        recording = true;
    }

    /** Stops recording and answers what was recorded since {@link #start}. */
    public synchronized List<Call> stop() {
        recording = false;
        return List.copyOf(calls);
    }

    /** What was recorded since {@link #start}, recording on (to wait for another thread's statements). */
    public synchronized List<Call> recorded() {
        return List.copyOf(calls);
    }

    private void record(String what) {
        record(what, List.of());
    }

    private void record(String what, List<Object> params) {
        if (recording) {
            synchronized (this) {
                calls.add(new Call(Thread.currentThread().getName(), what.strip().replaceAll("\\s+", " "), params));
            }
        }
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource ds && !(bean instanceof Counting)) {
            return new Counting(ds);
        }
        return bean;
    }

    /** A DelegatingDataSource, so Spring Boot still finds the Hikari pool behind it (metrics, health). */
    private final class Counting extends DelegatingDataSource {
        Counting(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return connection(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return connection(super.getConnection(username, password));
        }
    }

    private Connection connection(Connection target) {
        InvocationHandler h = (proxy, m, args) -> {
            switch (m.getName()) {
                case "setAutoCommit" -> {
                    // the driver sends nothing when the mode does not change
                    if ((Boolean) args[0] != target.getAutoCommit()) {
                        record("set autocommit=" + ((Boolean) args[0] ? 1 : 0));
                    }
                }
                case "commit" -> record("commit");
                case "rollback" -> {
                    if (args == null) {
                        record("rollback");
                    }
                }
                default -> {
                }
            }
            Object result = invoke(target, m, args);
            if (result instanceof Statement s) {
                String sql = args != null && args.length > 0 && args[0] instanceof String q ? q : null;
                return statement(s, m.getReturnType(), sql);
            }
            return result;
        };
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, h);
    }

    private Object statement(Statement target, Class<?> type, String preparedSql) {
        Class<?> face = type == CallableStatement.class ? CallableStatement.class
                : type == PreparedStatement.class ? PreparedStatement.class : Statement.class;
        Map<Integer, Object> bound = new TreeMap<>();
        InvocationHandler h = (proxy, m, args) -> {
            String name = m.getName();
            if (name.startsWith("execute")) {
                record(args != null && args.length > 0 && args[0] instanceof String q ? q : String.valueOf(preparedSql),
                        new ArrayList<>(bound.values()));
            } else if (name.equals("clearParameters")) {
                bound.clear();
            } else if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer i) {
                bound.put(i, name.equals("setNull") ? null : args[1]);
            }
            return invoke(target, m, args);
        };
        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {face}, h);
    }

    private static Object invoke(Object target, Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause(); // the driver's own SQLException, so Spring still translates a duplicate key
        }
    }
}
