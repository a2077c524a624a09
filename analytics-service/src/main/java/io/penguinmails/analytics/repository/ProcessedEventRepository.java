package io.penguinmails.analytics.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/** The ledger of counted events ({@code processed_events}) that makes consumption idempotent by {@code ce_id}. */
@ApplicationScoped
public class ProcessedEventRepository {

    private static final String MARK =
            """
            INSERT INTO processed_events (event_id, tenant_id, event_type) VALUES (?, ?, ?)
            ON CONFLICT (event_id) DO NOTHING
            """;

    private final DataSource dataSource;

    ProcessedEventRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Records an event as processed; call it inside the transaction that applies the event's effect.
     *
     * @return {@code true} when the event is new, {@code false} when its id was already recorded
     */
    public boolean markProcessed(String eventId, UUID tenantId, String eventType) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(MARK)) {
            statement.setString(1, eventId);
            statement.setObject(2, tenantId);
            statement.setString(3, eventType);
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("recording processed event " + eventId + " failed", e);
        }
    }
}
