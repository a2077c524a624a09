package io.penguinmails.campaign.repository;

import io.penguinmails.campaign.OutboxRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** The {@code outbox} table: events written with the change they announce, published later by the relay. */
@ApplicationScoped
public class OutboxRepository {

    private final DataSource dataSource;

    OutboxRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Adds a record; call it inside the transaction of the change it announces. */
    public void insert(OutboxRecord record) {
        String sql = "INSERT INTO outbox (id, tenant_id, topic, record_key, event_type, body, created)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setObject(1, record.id());
            insert.setObject(2, record.tenantId());
            insert.setString(3, record.topic());
            insert.setString(4, record.recordKey());
            insert.setString(5, record.eventType());
            insert.setString(6, record.body());
            insert.setObject(7, record.created().atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("insert outbox record", e);
        }
    }

    /**
     * Locks up to {@code limit} unpublished records, oldest first, until the current transaction ends. Rows another
     * replica has locked are skipped rather than waited for, so replicas relay disjoint batches.
     */
    public List<OutboxRecord> claimPending(int limit) {
        String sql = "SELECT id, tenant_id, topic, record_key, event_type, body, created FROM outbox"
                + " WHERE published IS NULL ORDER BY created LIMIT ? FOR UPDATE SKIP LOCKED";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setInt(1, limit);
            try (ResultSet rs = select.executeQuery()) {
                List<OutboxRecord> records = new ArrayList<>();
                while (rs.next()) {
                    records.add(read(rs));
                }
                return records;
            }
        } catch (SQLException e) {
            throw new DataAccessException("claim outbox records", e);
        }
    }

    /** Marks records as published; only call it for records the broker acknowledged. */
    public void markPublished(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        String sql = "UPDATE outbox SET published = now() WHERE id = ANY (?)";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            update.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            update.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("mark outbox records published", e);
        }
    }

    private static OutboxRecord read(ResultSet rs) throws SQLException {
        return new OutboxRecord(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getObject(7, OffsetDateTime.class).toInstant());
    }
}
