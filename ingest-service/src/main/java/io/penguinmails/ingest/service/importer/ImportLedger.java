package io.penguinmails.ingest.service.importer;

import io.penguinmails.ingest.repository.RepositoryException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * What the bulk importer reads and writes in the Queue tier: its resume point per source ({@code import_cursors}) and
 * the state of the jobs it created ({@code jobs}, read only).
 */
@ApplicationScoped
public class ImportLedger {

    private final DataSource dataSource;

    ImportLedger(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The key of the last entry an earlier import of this source finished, if any. */
    public Optional<String> resumePoint(UUID tenantId, String source) {
        String sql = "SELECT last_entry_key FROM import_cursors WHERE tenant_id = ? AND source_path = ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, tenantId);
            ps.setString(2, source);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new RepositoryException(e);
        }
    }

    /** Records that every entry up to this key is finished. */
    @Transactional
    public void finished(UUID tenantId, String source, String entryKey) {
        String sql = "INSERT INTO import_cursors (tenant_id, source_path, last_entry_key, entries_done)"
                + " VALUES (?, ?, ?, 1) ON CONFLICT (tenant_id, source_path) DO UPDATE SET"
                + " last_entry_key = EXCLUDED.last_entry_key, entries_done = import_cursors.entries_done + 1,"
                + " updated = now()";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, tenantId);
            ps.setString(2, source);
            ps.setString(3, entryKey);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new RepositoryException(e);
        }
    }

    /** How many of these jobs were published ({@code done}) and how many gave up ({@code dead}). */
    public JobCounts count(Collection<UUID> jobIds) {
        String sql = "SELECT count(*) FILTER (WHERE status = 'done'), count(*) FILTER (WHERE status = 'dead')"
                + " FROM jobs WHERE id = ANY(?)";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("uuid", jobIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new JobCounts(rs.getLong(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            throw new RepositoryException(e);
        }
    }

    /** Jobs published and jobs dead. */
    public record JobCounts(long done, long dead) {}
}
