package io.apay.common.test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The loopback MariaDB, Redis and RabbitMQ that integration tests use (started by {@code bin/apay infra}). */
public final class LocalInfra {

    public static final String DB_HOST = System.getProperty("apay.test.db.host", "127.0.0.1");
    public static final int DB_PORT = Integer.getInteger("apay.test.db.port", 3306);
    public static final String DB_USER = System.getProperty("apay.test.db.user", "root");
    public static final String DB_PASSWORD = System.getProperty("apay.test.db.password", "");

    private static final Pattern SAFE_SCHEMA = Pattern.compile("[a-z0-9_]{1,64}");

    private LocalInfra() {
    }

    public static void requireUp() {
        require("MariaDB", DB_HOST, DB_PORT);
        require("Redis", "127.0.0.1", 6379);
        require("RabbitMQ", "127.0.0.1", 5672);
    }

    private static void require(String what, String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
        } catch (IOException e) {
            throw new IllegalStateException(what + " is not reachable on " + host + ":" + port
                    + " - integration tests need it; start it with: bin/apay infra");
        }
    }

    public static Connection rootConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://" + DB_HOST + ":" + DB_PORT + "/", DB_USER, DB_PASSWORD);
    }

    private static volatile boolean staleSchemasDropped;

    /**
     * Drops test schemas left by runs that died before their contexts closed: those whose tables are all more
     * than three hours old (a schema still in use by a concurrent run is younger than that).
     */
    public static void dropStaleTestSchemas() {
        if (staleSchemasDropped) {
            return;
        }
        staleSchemasDropped = true;
        try (Connection c = rootConnection(); Statement s = c.createStatement()) {
            List<String> stale = new ArrayList<>();
            try (var rs = s.executeQuery("SELECT TABLE_SCHEMA FROM information_schema.TABLES WHERE TABLE_SCHEMA LIKE 't\\_%'"
                    + " GROUP BY TABLE_SCHEMA HAVING MAX(CREATE_TIME) < NOW() - INTERVAL 3 HOUR")) {
                while (rs.next()) {
                    stale.add(rs.getString(1));
                }
            }
            for (String schema : stale) {
                s.execute("DROP DATABASE IF EXISTS `" + safe(schema) + "`");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot clean stale test schemas", e);
        }
    }

    public static void createSchema(String schema) {
        execute("CREATE DATABASE IF NOT EXISTS `" + safe(schema) + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    }

    public static void dropSchema(String schema) {
        execute("DROP DATABASE IF EXISTS `" + safe(schema) + "`");
    }

    private static void execute(String sql) {
        try (Connection c = rootConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run on the test MariaDB: " + sql, e);
        }
    }

    private static String safe(String schema) {
        if (!SAFE_SCHEMA.matcher(schema).matches()) {
            throw new IllegalArgumentException("unsafe schema name " + schema);
        }
        return schema;
    }
}
