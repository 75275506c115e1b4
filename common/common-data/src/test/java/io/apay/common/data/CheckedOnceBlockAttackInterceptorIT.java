package io.apay.common.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.baomidou.mybatisplus.core.MybatisConfiguration;
import com.baomidou.mybatisplus.core.MybatisSqlSessionFactoryBuilder;
import com.baomidou.mybatisplus.extension.plugins.MybatisPlusInterceptor;
import io.apay.common.test.LocalInfra;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Update;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.MariaDbDataSource;

/** The guard against UPDATE/DELETE without WHERE still refuses them, on MariaDB, while parsing a passed statement once. */
class CheckedOnceBlockAttackInterceptorIT {

    static final String SCHEMA = "t_guard_" + UUID.randomUUID().toString().substring(0, 8);

    /** Counts JSqlParser runs: what the guard costs. */
    static class Counting extends CheckedOnceBlockAttackInterceptor {
        final AtomicInteger parses = new AtomicInteger();

        @Override
        public String parserMulti(String sql, Object obj) {
            parses.incrementAndGet();
            return super.parserMulti(sql, obj);
        }
    }

    public interface Balances {
        @Update("UPDATE balance SET amount = amount + 1 WHERE id = #{id}")
        int bump(@Param("id") long id);

        @Update("UPDATE balance SET amount = 0")
        int zeroEverything();

        @Delete("DELETE FROM balance")
        int deleteEverything();
    }

    static Counting guard;
    static SqlSessionFactory sessions;

    @BeforeAll
    static void database() throws Exception {
        LocalInfra.requireUp();
        LocalInfra.createSchema(SCHEMA);
        try (Connection c = connection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE balance (id BIGINT PRIMARY KEY, amount BIGINT NOT NULL)");
            s.execute("INSERT INTO balance VALUES (1, 10), (2, 20)");
        }
        MariaDbDataSource ds = new MariaDbDataSource(url());
        ds.setUser(LocalInfra.DB_USER);
        ds.setPassword(LocalInfra.DB_PASSWORD);
        MybatisConfiguration config = new MybatisConfiguration(new Environment("test", new JdbcTransactionFactory(), ds));
        guard = new Counting();
        MybatisPlusInterceptor interceptor = new MybatisPlusInterceptor();
        interceptor.addInnerInterceptor(guard);
        config.addInterceptor(interceptor);
        config.addMapper(Balances.class);
        sessions = new MybatisSqlSessionFactoryBuilder().build(config);
    }

    @AfterAll
    static void drop() {
        LocalInfra.dropSchema(SCHEMA);
    }

    @Test
    void anUpdateWithWhereIsParsedOnceAndRunsEveryTime() throws Exception {
        int before = guard.parses.get();
        try (SqlSession s = sessions.openSession(true)) {
            Balances b = s.getMapper(Balances.class);
            for (int i = 0; i < 5; i++) {
                assertThat(b.bump(1)).isEqualTo(1);
            }
        }
        assertThat(guard.parses.get() - before).isEqualTo(1);
        assertThat(amount(1)).isEqualTo(15);
    }

    @Test
    void anUpdateOrDeleteWithoutWhereIsRefusedEveryTimeAndChangesNothing() throws Exception {
        try (SqlSession s = sessions.openSession(true)) {
            Balances b = s.getMapper(Balances.class);
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(b::zeroEverything).hasMessageContaining("Prohibition of table update operation");
                assertThatThrownBy(b::deleteEverything).hasMessageContaining("Prohibition of full table deletion");
            }
        }
        assertThat(amount(2)).isEqualTo(20);
    }

    static long amount(long id) throws Exception {
        try (Connection c = connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT amount FROM balance WHERE id = " + id)) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    static Connection connection() throws Exception {
        return DriverManager.getConnection(url(), LocalInfra.DB_USER, LocalInfra.DB_PASSWORD);
    }

    static String url() {
        return "jdbc:mariadb://" + LocalInfra.DB_HOST + ":" + LocalInfra.DB_PORT + "/" + SCHEMA;
    }
}
