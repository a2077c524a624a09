package io.penguinmails.content.repository;

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

/**
 * The event ids this service has applied, written in the same transaction as their effect. Recording an event is
 * the first step of a consumer's transaction, so it also puts the transaction in the event's tenant scope.
 */
@ApplicationScoped
public class ProcessedEventRepository {

    private final DataSource dataSource;
    private final TenantScope scope;

    ProcessedEventRepository(DataSource dataSource, TenantScope scope) {
        this.dataSource = dataSource;
        this.scope = scope;
    }

    /**
     * Scopes the caller's transaction to the tenant and records an event id; false when it was recorded before, so
     * the caller skips the effect.
     */
    public boolean markProcessed(String eventId, UUID tenantId, String topic) {
        scope.enter(tenantId);
        return !markProcessed(List.of(eventId), tenantId, topic).isEmpty();
    }

    /**
     * Records the event ids of one tenant in one statement, in a transaction already scoped to the tenant.
     *
     * @return the ids recorded now; the others had been before (or came twice in the list)
     */
    public Set<String> markProcessed(List<String> eventIds, UUID tenantId, String topic) {
        String sql = "INSERT INTO processed_events (event_id, tenant_id, topic) SELECT e, ?, ? FROM unnest(?) e"
                + " ON CONFLICT DO NOTHING RETURNING event_id";
        Set<String> recorded = new HashSet<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, tenantId);
            ps.setString(2, topic);
            ps.setArray(3, c.createArrayOf("text", eventIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    recorded.add(rs.getString(1));
                }
            }
            return recorded;
        } catch (SQLException e) {
            throw new RepositoryException(e);
        }
    }
}
