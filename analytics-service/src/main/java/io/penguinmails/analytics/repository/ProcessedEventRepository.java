package io.penguinmails.analytics.repository;

import io.penguinmails.analytics.TableSet;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/** The ledger of counted events ({@code processed_events}) that makes consumption idempotent by {@code ce_id}. */
@ApplicationScoped
public class ProcessedEventRepository {

    // One statement for a whole batch: the ids that come back are the ones never processed before.
    private static final String MARK =
            """
            INSERT INTO %s (event_id, tenant_id, event_type)
            SELECT * FROM unnest(CAST(? AS TEXT[]), CAST(? AS UUID[]), CAST(? AS TEXT[]))
            ON CONFLICT (event_id) DO NOTHING
            RETURNING event_id
            """;

    private final DataSource dataSource;

    ProcessedEventRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * One event to record as processed.
     *
     * @param eventId the {@code ce_id}
     * @param tenantId the event's tenant
     * @param eventType the event's {@code event_type}
     */
    public record Processed(String eventId, UUID tenantId, String eventType) {}

    /**
     * Records events as processed; call it inside the transaction that applies their effect. The ids must be
     * distinct.
     *
     * @return the ids that are new; the others had been recorded before
     */
    public Set<String> markProcessed(TableSet tables, List<Processed> events) {
        if (events.isEmpty()) {
            return Set.of();
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement(MARK.formatted(tables.of("processed_events")))) {
            statement.setArray(1, SqlArrays.text(connection, events, Processed::eventId));
            statement.setArray(2, SqlArrays.text(connection, events, Processed::tenantId));
            statement.setArray(3, SqlArrays.text(connection, events, Processed::eventType));
            return readIds(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("recording " + events.size() + " processed events failed", e);
        }
    }

    private static Set<String> readIds(PreparedStatement statement) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }
}
