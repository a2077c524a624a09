package io.penguinmails.infra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Pattern;

/** Creates the suite's PostgreSQL databases when they are missing. */
public final class Databases {

    /** The database of each service, by tier. */
    public static final List<String> ALL = List.of("penguin_queue", "penguin_content", "penguin_oltp", "penguin_olap");

    private static final Pattern SAFE_NAME = Pattern.compile("^[a-z_][a-z0-9_]{0,62}$");

    private Databases() {}

    /**
     * Creates each named database on the server that {@code adminUrl} points at (a JDBC URL of any existing
     * database, usually {@code postgres}) unless it exists.
     */
    public static void ensure(String adminUrl, String user, String password, List<String> names) {
        try (Connection connection = DriverManager.getConnection(adminUrl, user, password)) {
            for (String name : names) {
                createIfMissing(connection, name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create databases through " + adminUrl + ": " + e.getMessage(), e);
        }
    }

    /** Drops (closing their sessions) and creates each named database, for tests that must start empty. */
    public static void recreate(String adminUrl, String user, String password, List<String> names) {
        try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
                Statement statement = connection.createStatement()) {
            for (String name : names) {
                requireSafe(name);
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                statement.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot recreate databases through " + adminUrl + ": " + e.getMessage(), e);
        }
    }

    /** The JDBC URL of a database on the local default server, overridable by PENGUIN_DB_HOST / PENGUIN_DB_PORT. */
    public static String localUrl(String database) {
        String host = System.getenv().getOrDefault("PENGUIN_DB_HOST", "127.0.0.1");
        String port = System.getenv().getOrDefault("PENGUIN_DB_PORT", "5432");
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    private static void requireSafe(String name) {
        if (!SAFE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a safe database name: " + name);
        }
    }

    private static void createIfMissing(Connection connection, String name) throws SQLException {
        requireSafe(name);
        try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        try (Statement create = connection.createStatement()) {
            create.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            // Two test JVMs may race to create the same database; the loser finds it there.
            if (!"42P04".equals(e.getSQLState())) {
                throw e;
            }
        }
    }
}
