package io.penguinmails.content.repository;

import io.penguinmails.content.KeysetPosition;
import io.penguinmails.content.Notification;
import io.penguinmails.contracts.EventJson;
import io.penguinmails.contracts.NotificationEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The {@code notifications} table. Every read of a tenant hides rows past their {@code expires_at}, so expiry holds
 * between two purges.
 */
@ApplicationScoped
public class NotificationRepository {

    private static final String COLUMNS = "id, kind, severity, title, body, subject_id, details::text, is_read,"
            + " read_at, occurred_at, expires_at";
    private static final String LIVE = "(expires_at IS NULL OR expires_at > now())";

    private final DataSource dataSource;

    NotificationRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores a notification; {@code sourceEventId} is the ce_id it arrived under, or null. */
    public void insert(UUID id, UUID tenantId, NotificationEvent event, String sourceEventId) {
        String sql = "INSERT INTO notifications (id, tenant_id, kind, severity, title, body, subject_id, details,"
                + " source_event_id, occurred_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)";
        Map<String, String> details = event.details() == null ? Map.of() : event.details();
        update(
                sql,
                Arrays.asList(
                        id,
                        tenantId,
                        event.kind(),
                        event.severity(),
                        event.title(),
                        event.body(),
                        event.subjectId(),
                        EventJson.write(details),
                        sourceEventId,
                        Timestamp.from(event.occurredAt()),
                        timestamp(event.expiresAt())));
    }

    /** One live notification of a tenant. */
    public Optional<Notification> find(UUID tenantId, UUID id) {
        String sql = "SELECT " + COLUMNS + " FROM notifications WHERE tenant_id = ? AND id = ? AND " + LIVE;
        return query(sql, List.of(tenantId, id)).stream().findFirst();
    }

    /** A page of a tenant's live notifications, newest first, optionally only unread ones, after a position. */
    public List<Notification> list(UUID tenantId, boolean unreadOnly, KeysetPosition after, int limit) {
        StringBuilder sql =
                new StringBuilder("SELECT " + COLUMNS + " FROM notifications WHERE tenant_id = ? AND " + LIVE);
        List<Object> params = new ArrayList<>(List.of(tenantId));
        if (unreadOnly) {
            sql.append(" AND NOT is_read");
        }
        if (after != null) {
            sql.append(" AND (occurred_at, id) < (?, ?)");
            params.add(Timestamp.from(after.at()));
            params.add(after.id());
        }
        sql.append(" ORDER BY occurred_at DESC, id DESC LIMIT ?");
        params.add(limit);
        return query(sql.toString(), params);
    }

    /** Marks one live notification read (keeping the first read time); empty when the tenant has no such one. */
    public Optional<Notification> markRead(UUID tenantId, UUID id) {
        String sql = "UPDATE notifications SET is_read = true, read_at = coalesce(read_at, now())"
                + " WHERE tenant_id = ? AND id = ? AND " + LIVE + " RETURNING " + COLUMNS;
        return query(sql, List.of(tenantId, id)).stream().findFirst();
    }

    /** Marks every unread live notification of a tenant read; the number marked. */
    public int markAllRead(UUID tenantId) {
        return update(
                "UPDATE notifications SET is_read = true, read_at = now() WHERE tenant_id = ? AND NOT is_read AND "
                        + LIVE,
                List.of(tenantId));
    }

    /** Deletes up to {@code limit} expired notifications of any tenant; the number deleted. */
    public int deleteExpired(int limit) {
        return update(
                "DELETE FROM notifications WHERE id IN (SELECT id FROM notifications WHERE expires_at <= now()"
                        + " LIMIT ? FOR UPDATE SKIP LOCKED)",
                List.of(limit));
    }

    private static Notification row(ResultSet rs) throws SQLException {
        return new Notification(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getBoolean(8),
                instant(rs.getTimestamp(9)),
                instant(rs.getTimestamp(10)),
                instant(rs.getTimestamp(11)));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private List<Notification> query(String sql, List<Object> params) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            List<Notification> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new RepositoryException(e);
        }
    }

    private int update(String sql, List<Object> params) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new RepositoryException(e);
        }
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }
}
