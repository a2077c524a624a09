package io.penguinmails.analytics.repository;

import io.penguinmails.analytics.AuditEntry;
import io.penguinmails.contracts.AuditEvent;
import io.penguinmails.contracts.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/** The {@code admin_audit_log} table: administrative actions from {@code audit.events}, read per tenant. */
@ApplicationScoped
public class AuditLogRepository {

    private static final String RECORD =
            """
            INSERT INTO admin_audit_log (event_id, tenant_id, action, actor, subject_id, details, occurred_at)
            VALUES (?, ?, ?, ?, ?, CAST(? AS JSONB), ?)
            ON CONFLICT (event_id) DO NOTHING
            """;

    private static final String LIST =
            """
            SELECT event_id, action, actor, subject_id, details, occurred_at FROM admin_audit_log
            WHERE tenant_id = ? ORDER BY occurred_at DESC, id DESC LIMIT ?
            """;

    private final DataSource dataSource;

    AuditLogRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Records an audit event once; the unique {@code event_id} makes a redelivered {@code ce_id} insert nothing.
     *
     * @return {@code true} when recorded, {@code false} for a duplicate
     */
    public boolean record(String eventId, AuditEvent event) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(RECORD)) {
            statement.setString(1, eventId);
            statement.setObject(2, event.tenantId() == null ? null : UUID.fromString(event.tenantId()));
            statement.setString(3, event.action());
            statement.setString(4, event.actor());
            statement.setString(5, event.subjectId());
            statement.setString(6, EventJson.write(event.details() == null ? Map.of() : event.details()));
            statement.setTimestamp(7, Timestamp.from(event.occurredAt()));
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("recording audit event " + eventId + " failed", e);
        }
    }

    /** The tenant's most recent entries, newest first. */
    public List<AuditEntry> latest(UUID tenantId, int limit) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(LIST)) {
            statement.setObject(1, tenantId);
            statement.setInt(2, limit);
            return readEntries(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the audit log failed", e);
        }
    }

    private static List<AuditEntry> readEntries(PreparedStatement statement) throws SQLException {
        List<AuditEntry> entries = new ArrayList<>();
        try (ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                entries.add(entry(row));
            }
        }
        return entries;
    }

    @SuppressWarnings("unchecked")
    private static AuditEntry entry(ResultSet row) throws SQLException {
        return new AuditEntry(
                row.getString("event_id"),
                row.getString("action"),
                row.getString("actor"),
                row.getString("subject_id"),
                EventJson.read(row.getString("details"), Map.class),
                row.getTimestamp("occurred_at").toInstant());
    }
}
