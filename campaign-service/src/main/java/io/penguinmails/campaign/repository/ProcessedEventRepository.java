package io.penguinmails.campaign.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/** The {@code processed_events} table: the ce_ids this service's consumers have already applied. */
@ApplicationScoped
public class ProcessedEventRepository {

    private final DataSource dataSource;

    ProcessedEventRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Records an event as processed; call it in the transaction of the event's effect.
     *
     * @return {@code false} when the event was processed before, so the caller must change nothing
     */
    public boolean markProcessed(String eventId, UUID tenantId, String topic) {
        String sql =
                "INSERT INTO processed_events (event_id, tenant_id, topic) VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, eventId);
            insert.setObject(2, tenantId);
            insert.setString(3, topic);
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new DataAccessException("record processed event", e);
        }
    }
}
