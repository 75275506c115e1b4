package io.apay.common.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.apay.common.test.LocalInfra;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.MariaDbDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Transactions on a pooled connection (Hikari, one connection, Spring's transaction manager, real MariaDB) switch
 * autocommit off once and never back while they follow one another; a statement outside a transaction still runs
 * with autocommit on and is committed at once; no transaction is left open on the server between uses.
 */
class DeferredAutoCommitIT {

    static final String SCHEMA = "t_autocommit_" + UUID.randomUUID().toString().substring(0, 8);

    /** What reaches the driver: the autocommit switches it sends ("autocommit=0/1") and the statements prepared. */
    final List<String> sent = new ArrayList<>();
    HikariDataSource pool;
    JdbcTemplate jdbc;
    TransactionTemplate tx;

    @BeforeAll
    static void database() throws Exception {
        LocalInfra.requireUp();
        LocalInfra.createSchema(SCHEMA);
        try (Connection c = raw(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE item (id BIGINT PRIMARY KEY)");
        }
    }

    @AfterAll
    static void drop() {
        LocalInfra.dropSchema(SCHEMA);
    }

    @BeforeEach
    void pool() throws Exception {
        try (Connection c = raw(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM item");
        }
        MariaDbDataSource driver = new MariaDbDataSource(url());
        driver.setUser(LocalInfra.DB_USER);
        driver.setPassword(LocalInfra.DB_PASSWORD);
        pool = new HikariDataSource();
        pool.setMaximumPoolSize(1);
        pool.setDataSource(new DeferredAutoCommit.Source(recording(driver)));
        jdbc = new JdbcTemplate(pool);
        tx = new TransactionTemplate(new DataSourceTransactionManager(pool));
    }

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void transactionsOneAfterAnotherSwitchAutocommitOffOnceAndNeverBack() {
        for (long id = 1; id <= 3; id++) {
            long row = id;
            tx.executeWithoutResult(s -> jdbc.update("INSERT INTO item (id) VALUES (?)", row));
        }
        assertThat(sent.stream().filter(s -> s.startsWith("autocommit")).toList()).containsExactly("autocommit=0");
        assertThat(committedIds()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aStatementOutsideATransactionRunsWithAutocommitOnAndIsCommittedAtOnce() {
        tx.executeWithoutResult(s -> jdbc.update("INSERT INTO item (id) VALUES (1)"));
        sent.clear();
        jdbc.update("INSERT INTO item (id) VALUES (?)", 2);
        assertThat(sent).containsExactly("autocommit=1", "INSERT INTO item (id) VALUES (?)");
        assertThat(committedIds()).containsExactly(1L, 2L); // seen from another connection: committed
        assertThat(jdbc.execute((Connection c) -> c.getAutoCommit())).isTrue();
    }

    @Test
    void aStatementPreparedInsideATransactionAndExecutedAfterItIsCommittedAtOnce() throws Exception {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO item (id) VALUES (?)")) {
                c.commit();
                c.setAutoCommit(true);
                ps.setLong(1, 5);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            assertThat(committedIds()).containsExactly(5L); // before the connection goes back: committed by itself
        }
    }

    @Test
    void aRolledBackTransactionLeavesNothingAndTheNextStatementStillAutocommits() {
        tx.executeWithoutResult(s -> {
            jdbc.update("INSERT INTO item (id) VALUES (1)");
            s.setRollbackOnly();
        });
        jdbc.update("INSERT INTO item (id) VALUES (2)");
        assertThat(committedIds()).containsExactly(2L);
    }

    @Test
    void noTransactionStaysOpenOnTheServerBetweenUses() throws Exception {
        Long session = tx.execute(s -> jdbc.queryForObject("SELECT CONNECTION_ID()", Long.class));
        assertThat(openTransactionsOf(session)).isZero(); // committed, autocommit not yet switched back: nothing open
        assertThat(jdbc.queryForList("SELECT id FROM item", Long.class)).isEmpty(); // a read outside a transaction
        assertThat(openTransactionsOf(session)).isZero(); // ran with autocommit on: left no transaction behind
        assertThat(sent).contains("autocommit=1");
    }

    @Test
    void aPoolConfiguredByUrlGetsItsConnectionsThroughTheDeferral() throws Exception {
        try (HikariDataSource hikari = new HikariDataSource()) {
            hikari.setJdbcUrl(url());
            hikari.setUsername(LocalInfra.DB_USER);
            hikari.setPassword(LocalInfra.DB_PASSWORD);
            new DeferredAutoCommit.UnderThePool().postProcessAfterInitialization(hikari, "dataSource");
            assertThat(hikari.getDataSource()).isInstanceOf(DeferredAutoCommit.Source.class);
            TransactionTemplate t = new TransactionTemplate(new DataSourceTransactionManager(hikari));
            JdbcTemplate j = new JdbcTemplate(hikari);
            t.executeWithoutResult(s -> j.update("INSERT INTO item (id) VALUES (7)"));
            j.update("INSERT INTO item (id) VALUES (8)");
            assertThat(committedIds()).containsExactly(7L, 8L);
        }
    }

    List<Long> committedIds() {
        List<Long> ids = new ArrayList<>();
        try (Connection c = raw(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM item ORDER BY id")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }

    static long openTransactionsOf(long session) throws SQLException {
        try (Connection c = raw(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.innodb_trx WHERE trx_mysql_thread_id = " + session)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The driver's connections, recording what each would send: a switch only when the mode changes, as the driver does. */
    DataSource recording(DataSource driver) {
        return new DelegatingDataSource(driver) {
            @Override
            public Connection getConnection() throws SQLException {
                Connection target = super.getConnection();
                return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, (p, m, args) -> {
                    if (m.getName().equals("setAutoCommit") && (Boolean) args[0] != target.getAutoCommit()) {
                        sent.add("autocommit=" + ((Boolean) args[0] ? 1 : 0));
                    } else if (m.getName().equals("prepareStatement")) {
                        sent.add((String) args[0]);
                    }
                    try {
                        return m.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
            }
        };
    }

    static Connection raw() throws SQLException {
        return DriverManager.getConnection(url(), LocalInfra.DB_USER, LocalInfra.DB_PASSWORD);
    }

    static String url() {
        return "jdbc:mariadb://" + LocalInfra.DB_HOST + ":" + LocalInfra.DB_PORT + "/" + SCHEMA;
    }
}
