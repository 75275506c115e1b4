package io.apay.common.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.apay.common.test.LocalInfra;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.MariaDbDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A JdbcTemplate statement with a null argument costs one round trip, not two: by default Spring asks the driver
 * for the parameter's SQL type, and MariaDB's driver answers that by preparing the statement on the server first.
 * common-data's {@code spring.properties} tells Spring not to ask ({@code spring.jdbc.getParameterType.ignore}).
 */
class NullParameterRoundTripsIT {

    static final String SCHEMA = "t_nulls_" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void database() throws Exception {
        LocalInfra.requireUp();
        LocalInfra.createSchema(SCHEMA);
        try (Connection c = connection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE note (id BIGINT PRIMARY KEY, body VARCHAR(64) NULL, at TIMESTAMP(3) NULL)");
        }
    }

    @AfterAll
    static void drop() {
        LocalInfra.dropSchema(SCHEMA);
    }

    @Test
    void nullArgumentsAreBoundWithoutAServerSidePrepare() throws Exception {
        try (Connection c = connection()) {
            JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(c, true));
            long before = serverPrepares(c);
            for (int i = 1; i <= 3; i++) {
                assertThat(jdbc.update("INSERT INTO note (id, body, at) VALUES (?, ?, ?)", i, null, null)).isEqualTo(1);
            }
            assertThat(jdbc.queryForList("SELECT id FROM note WHERE body <=> ? ORDER BY id", Long.class, (Object) null))
                    .containsExactly(1L, 2L, 3L);
            assertThat(serverPrepares(c) - before).isZero();
        }
    }

    static long serverPrepares(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW SESSION STATUS LIKE 'Com_stmt_prepare'")) {
            rs.next();
            return rs.getLong(2);
        }
    }

    static Connection connection() throws SQLException {
        MariaDbDataSource ds = new MariaDbDataSource("jdbc:mariadb://" + LocalInfra.DB_HOST + ":" + LocalInfra.DB_PORT + "/" + SCHEMA);
        ds.setUser(LocalInfra.DB_USER);
        ds.setPassword(LocalInfra.DB_PASSWORD);
        return ds.getConnection();
    }
}
