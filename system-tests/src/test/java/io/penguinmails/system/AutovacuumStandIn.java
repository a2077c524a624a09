package io.penguinmails.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Vacuums and analyzes the suite's databases by autovacuum's default thresholds when the local PostgreSQL runs with
 * {@code autovacuum = off}, as the build machines here do ({@code conf.d/90-ci.conf}).
 *
 * <p>A deployed PostgreSQL runs autovacuum, and the suite depends on it under load: without it the queue tier's
 * {@code jobs} table keeps every dead row version, and the services' prepared statements keep the generic plans they
 * made while their tables were empty, because nothing invalidates them. Measured without this stand-in, the content
 * point read went from 0.9 ms to 9.6 ms per call over four minutes at 200 msg/s; one {@code ANALYZE} brought it back.
 * The stand-in changes nothing on the server: it does, from the test's side, what autovacuum would do.
 */
final class AutovacuumStandIn implements AutoCloseable {

    /** Autovacuum's defaults: a table is vacuumed or analyzed once this many rows changed, plus a share of it. */
    private static final String DUE_TABLES = "SELECT relname, n_dead_tup > 50 + 0.2 * n_live_tup"
            + " OR n_ins_since_vacuum > 1000 + 0.2 * n_live_tup FROM pg_stat_user_tables"
            + " WHERE n_dead_tup > 50 + 0.2 * n_live_tup OR n_ins_since_vacuum > 1000 + 0.2 * n_live_tup"
            + " OR n_mod_since_analyze > 50 + 0.1 * n_live_tup";

    /** Autovacuum's default naptime is a minute per database; a short test needs its first pass sooner. */
    private static final long NAP_SECONDS = 5;

    private final List<String> jdbcUrls;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "autovacuum-stand-in");
        thread.setDaemon(true);
        return thread;
    });

    private AutovacuumStandIn(List<String> jdbcUrls) {
        this.jdbcUrls = jdbcUrls;
    }

    /** Starts the stand-in if the server's autovacuum is off; otherwise returns one that does nothing. */
    static AutovacuumStandIn startIfNeeded(List<String> jdbcUrls) {
        if (serverAutovacuumOn(jdbcUrls.get(0))) {
            return new AutovacuumStandIn(List.of());
        }
        System.out.println("PostgreSQL runs with autovacuum off: the suite vacuums and analyzes its databases by"
                + " autovacuum's default thresholds every " + NAP_SECONDS + " s");
        AutovacuumStandIn standIn = new AutovacuumStandIn(jdbcUrls);
        standIn.scheduler.scheduleWithFixedDelay(standIn::pass, NAP_SECONDS, NAP_SECONDS, TimeUnit.SECONDS);
        return standIn;
    }

    private static boolean serverAutovacuumOn(String jdbcUrl) {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW autovacuum")) {
            return rs.next() && rs.getString(1).equals("on");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the server's autovacuum setting", e);
        }
    }

    /** One pass over every database; a database that is down (a fault test restarts the server) waits for the next. */
    private void pass() {
        for (String url : jdbcUrls) {
            try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
                maintain(c);
            } catch (SQLException e) {
                System.out.println("autovacuum stand-in: " + url + " skipped this pass: " + e.getMessage());
            }
        }
    }

    private static void maintain(Connection c) throws SQLException {
        List<String> commands = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(DUE_TABLES)) {
            while (rs.next()) {
                String table = "\"" + rs.getString(1).replace("\"", "\"\"") + "\"";
                commands.add(rs.getBoolean(2) ? "VACUUM (ANALYZE) " + table : "ANALYZE " + table);
            }
        }
        try (Statement s = c.createStatement()) {
            for (String command : commands) {
                s.execute(command);
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
