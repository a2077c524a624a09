package io.penguinmails.analytics.repository;

import io.penguinmails.analytics.TableSet;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The shadow copies of the counted tables ({@link TableSet#SHADOW}) a rebuild fills, the swap that makes them live,
 * and the lock that keeps live batches and the swap apart.
 */
@ApplicationScoped
public class RebuildTablesRepository {

    /** The advisory lock key of the swap; any constant both sides use ("PENG"). */
    private static final long SWAP_LOCK = 0x50454e47L;

    private static final String INDEXES =
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ?";

    private final DataSource dataSource;

    RebuildTablesRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Holds the swap lock in shared mode until the current transaction ends: every live batch takes it first, so
     * the swap (exclusive) waits for running batches and later batches wait for the swap, across all replicas.
     */
    public void holdSharedSwapLock() {
        lock("SELECT pg_advisory_xact_lock_shared(?)");
    }

    /** Holds the swap lock exclusively until the current transaction ends: no live batch runs meanwhile. */
    public void holdExclusiveSwapLock() {
        lock("SELECT pg_advisory_xact_lock(?)");
    }

    /** Creates empty shadow tables shaped like the live ones (columns, defaults, keys, indexes), dropping old ones. */
    public void createShadow() {
        List<String> sql = new ArrayList<>();
        for (String table : TableSet.REBUILT_TABLES) {
            String shadow = TableSet.SHADOW.of(table);
            sql.add("DROP TABLE IF EXISTS " + shadow);
            sql.add("CREATE TABLE " + shadow + " (LIKE " + table + " INCLUDING ALL)");
        }
        execute(sql);
    }

    /** Drops the shadow tables of a rebuild that failed. */
    public void dropShadow() {
        execute(TableSet.REBUILT_TABLES.stream()
                .map(table -> "DROP TABLE IF EXISTS " + TableSet.SHADOW.of(table))
                .toList());
    }

    /**
     * Replaces every live table by its shadow copy; call it in the transaction holding the exclusive swap lock, so
     * readers see the old tables or the new ones, never a mix. Indexes keep their live names.
     */
    public void swap() {
        List<String> sql = new ArrayList<>();
        for (String table : TableSet.REBUILT_TABLES) {
            sql.add("DROP TABLE " + table);
            sql.add("ALTER TABLE " + TableSet.SHADOW.of(table) + " RENAME TO " + table);
        }
        execute(sql);
        for (String table : TableSet.REBUILT_TABLES) {
            execute(indexRenames(table));
        }
    }

    /** {@code LIKE} names the copied indexes after the shadow table; give them the live table's prefix. */
    private List<String> indexRenames(String table) {
        String shadowPrefix = TableSet.SHADOW.of(table);
        List<String> renames = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(INDEXES)) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String index = rows.getString(1);
                    if (index.startsWith(shadowPrefix)) {
                        renames.add("ALTER INDEX " + index + " RENAME TO " + table
                                + index.substring(shadowPrefix.length()));
                    }
                }
            }
            return renames;
        } catch (SQLException e) {
            throw new IllegalStateException("reading the indexes of " + table + " failed", e);
        }
    }

    private void lock(String sql) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, SWAP_LOCK);
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("taking the swap lock failed", e);
        }
    }

    private void execute(List<String> statements) {
        if (statements.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.addBatch(sql);
            }
            statement.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("changing the shadow tables failed", e);
        }
    }
}
