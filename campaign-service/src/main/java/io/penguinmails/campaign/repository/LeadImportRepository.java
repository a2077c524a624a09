package io.penguinmails.campaign.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.penguinmails.campaign.LeadImport;
import io.penguinmails.campaign.LeadImportReject;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The {@code lead_imports} and {@code lead_import_rejects} tables. A worker claims an import with a lease it renews at
 * every batch; progress updates only succeed while the caller still holds the lease.
 */
@ApplicationScoped
public class LeadImportRepository {

    private static final String COLUMNS = "i.id, i.tenant_id, i.list_id, ll.name, i.status, i.column_mapping::text,"
            + " i.total, i.processed_rows, i.imported, i.duplicates, i.rejected, i.error, i.created, i.started,"
            + " i.finished";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> MAPPING = new TypeReference<>() {};

    private final DataSource dataSource;

    LeadImportRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Queues an import of a CSV body into a list. */
    public UUID insert(UUID tenantId, UUID listId, Map<String, String> mapping, byte[] body) {
        String sql =
                "INSERT INTO lead_imports (id, tenant_id, list_id, column_mapping, body) VALUES (?, ?, ?, ?::jsonb, ?)";
        UUID id = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setObject(1, id);
            insert.setObject(2, tenantId);
            insert.setObject(3, listId);
            insert.setString(4, JSON.writeValueAsString(mapping));
            insert.setBytes(5, body);
            insert.executeUpdate();
            return id;
        } catch (SQLException e) {
            throw new DataAccessException("insert lead import", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tenant's import with that id. */
    public Optional<LeadImport> find(UUID tenantId, UUID id) {
        String sql = "SELECT " + COLUMNS + " FROM lead_imports i JOIN lead_lists ll ON ll.id = i.list_id"
                + " WHERE i.tenant_id = ? AND i.id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, tenantId);
            select.setObject(2, id);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DataAccessException("find lead import", e);
        }
    }

    /**
     * Takes the oldest import that is queued or whose worker's lease ran out, for {@code owner} until {@code lease}
     * from now. Imports other workers are claiming are skipped, not waited for.
     */
    public Optional<LeadImport> claim(UUID owner, Duration lease) {
        String sql = "WITH next AS (SELECT id FROM lead_imports WHERE status = 'queued'"
                + " OR (status = 'running' AND lease_until < now()) ORDER BY created LIMIT 1 FOR UPDATE SKIP LOCKED)"
                + " UPDATE lead_imports i SET status = 'running', started = COALESCE(i.started, now()),"
                + " lease_owner = ?, lease_until = now() + ? * interval '1 millisecond'"
                + " FROM next, lead_lists ll WHERE i.id = next.id AND ll.id = i.list_id RETURNING " + COLUMNS;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement claim = connection.prepareStatement(sql)) {
            claim.setObject(1, owner);
            claim.setLong(2, lease.toMillis());
            try (ResultSet rs = claim.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DataAccessException("claim lead import", e);
        }
    }

    /** The CSV body of an import; empty once it completed (the body is dropped then). */
    public Optional<byte[]> body(UUID id) {
        String sql = "SELECT body FROM lead_imports WHERE id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, id);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getBytes(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DataAccessException("read lead import body", e);
        }
    }

    /**
     * Records progress and renews the lease; call it in the transaction that stored the rows.
     *
     * @param processedRows the data rows handled so far, in total
     * @return false when {@code owner} no longer holds the import (the caller must roll back and stop)
     */
    public boolean progress(
            UUID id,
            UUID owner,
            Duration lease,
            int total,
            int processedRows,
            int imported,
            int duplicates,
            int rejected) {
        String sql = "UPDATE lead_imports SET total = ?, processed_rows = ?, imported = imported + ?,"
                + " duplicates = duplicates + ?, rejected = rejected + ?,"
                + " lease_until = now() + ? * interval '1 millisecond' WHERE id = ? AND lease_owner = ?"
                + " AND status = 'running'";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            update.setInt(1, total);
            update.setInt(2, processedRows);
            update.setInt(3, imported);
            update.setInt(4, duplicates);
            update.setInt(5, rejected);
            update.setLong(6, lease.toMillis());
            update.setObject(7, id);
            update.setObject(8, owner);
            return update.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new DataAccessException("record lead import progress", e);
        }
    }

    /** Ends an import held by {@code owner} as completed (dropping its body) or failed with the error. */
    public void finish(UUID id, UUID owner, String error) {
        String sql = "UPDATE lead_imports SET status = ?, error = ?, finished = now(), lease_owner = NULL,"
                + " lease_until = NULL, body = CASE WHEN ? IS NULL THEN NULL ELSE body END"
                + " WHERE id = ? AND lease_owner = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, error == null ? "completed" : "failed");
            update.setString(2, error);
            update.setString(3, error);
            update.setObject(4, id);
            update.setObject(5, owner);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("finish lead import", e);
        }
    }

    /** Stores rejected rows; a row already stored (a batch redone after a crash) is kept once. */
    public void insertRejects(UUID tenantId, UUID importId, List<LeadImportReject> rejects) {
        if (rejects.isEmpty()) {
            return;
        }
        String sql = "INSERT INTO lead_import_rejects (tenant_id, import_id, row_number, reason, raw)"
                + " SELECT ?, ?, r.row_number, r.reason, r.raw FROM unnest(?::int[], ?::text[], ?::text[])"
                + " AS r(row_number, reason, raw) ON CONFLICT DO NOTHING";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setObject(1, tenantId);
            insert.setObject(2, importId);
            insert.setArray(
                    3,
                    connection.createArrayOf(
                            "int4", rejects.stream().map(LeadImportReject::row).toArray()));
            insert.setArray(
                    4,
                    connection.createArrayOf(
                            "text",
                            rejects.stream().map(LeadImportReject::reason).toArray()));
            insert.setArray(
                    5,
                    connection.createArrayOf(
                            "text", rejects.stream().map(LeadImportReject::raw).toArray()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("insert lead import rejects", e);
        }
    }

    /** A page of an import's rejected rows in row order, after row {@code afterRow}. */
    public List<LeadImportReject> rejects(UUID tenantId, UUID importId, int afterRow, int limit) {
        String sql = "SELECT row_number, reason, raw FROM lead_import_rejects WHERE tenant_id = ? AND import_id = ?"
                + " AND row_number > ? ORDER BY row_number LIMIT ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, tenantId);
            select.setObject(2, importId);
            select.setInt(3, afterRow);
            select.setInt(4, limit);
            try (ResultSet rs = select.executeQuery()) {
                List<LeadImportReject> found = new ArrayList<>();
                while (rs.next()) {
                    found.add(new LeadImportReject(rs.getInt(1), rs.getString(2), rs.getString(3)));
                }
                return found;
            }
        } catch (SQLException e) {
            throw new DataAccessException("list lead import rejects", e);
        }
    }

    private static LeadImport read(ResultSet rs) throws SQLException {
        return new LeadImport(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getObject(3, UUID.class),
                rs.getString(4),
                rs.getString(5),
                mapping(rs.getString(6)),
                rs.getInt(7),
                rs.getInt(8),
                rs.getInt(9),
                rs.getInt(10),
                rs.getInt(11),
                rs.getString(12),
                instant(rs, 13),
                instant(rs, 14),
                instant(rs, 15));
    }

    private static Map<String, String> mapping(String json) {
        try {
            return JSON.readValue(json, MAPPING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
