package io.penguinmails.content.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/** The event ids this service has applied, written in the same transaction as their effect. */
@ApplicationScoped
public class ProcessedEventRepository {

    private final DataSource dataSource;

    ProcessedEventRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records an event id; false when it was recorded before, so the caller skips the effect. */
    public boolean markProcessed(String eventId, UUID tenantId, String topic) {
        String sql =
                "INSERT INTO processed_events (event_id, tenant_id, topic) VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, eventId);
            ps.setObject(2, tenantId);
            ps.setString(3, topic);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new RepositoryException(e);
        }
    }
}
