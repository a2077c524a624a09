package io.penguinmails.analytics.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;

/** The {@code unique_engagements} table: the first open and the first click of each message. */
@ApplicationScoped
public class UniqueEngagementRepository {

    private static final String FIRST =
            """
            INSERT INTO unique_engagements (tenant_id, engagement_type, message_key, first_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (tenant_id, engagement_type, message_key) DO NOTHING
            """;

    private final DataSource dataSource;

    UniqueEngagementRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Records an engagement with a message; call it in the transaction that counts it.
     *
     * @return {@code true} for the message's first engagement of this type, {@code false} for a repeat
     */
    public boolean first(UUID tenantId, String type, String messageKey, Instant at) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(FIRST)) {
            statement.setObject(1, tenantId);
            statement.setString(2, type);
            statement.setString(3, messageKey);
            statement.setTimestamp(4, Timestamp.from(at));
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("recording a " + type + " engagement failed", e);
        }
    }
}
