package io.penguinmails.content.repository;

import io.penguinmails.content.OutboxRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** The transactional outbox: events written with the change they announce, published later by the relay. */
@ApplicationScoped
public class OutboxRepository {

    private final DataSource dataSource;

    OutboxRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Adds an event in the caller's transaction. */
    public void insert(OutboxRecord r) {
        String sql =
                "INSERT INTO outbox (id, tenant_id, topic, record_key, event_type, body) VALUES (?, ?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, r.id());
            ps.setObject(2, r.tenantId());
            ps.setString(3, r.topic());
            ps.setString(4, r.recordKey());
            ps.setString(5, r.eventType());
            ps.setString(6, r.body());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new RepositoryException(e);
        }
    }

    /** Locks up to {@code limit} unpublished events, oldest first, skipping those another replica holds. */
    public List<OutboxRecord> claimPending(int limit) {
        String sql = "SELECT id, tenant_id, topic, record_key, event_type, body, created FROM outbox"
                + " WHERE published IS NULL ORDER BY created LIMIT ? FOR UPDATE SKIP LOCKED";
        List<OutboxRecord> result = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new OutboxRecord(
                            rs.getObject(1, UUID.class),
                            rs.getObject(2, UUID.class),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getTimestamp(7).toInstant()));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new RepositoryException(e);
        }
    }

    /** Marks events published. */
    public void markPublished(List<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE outbox SET published = now() WHERE id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new RepositoryException(e);
        }
    }
}
