package io.penguinmails.campaign.repository;

import io.penguinmails.campaign.SentMessage;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;

/** The {@code bounces} table: one row per bounced recipient of a matched campaign email. */
@ApplicationScoped
public class BounceRepository {

    private final DataSource dataSource;

    BounceRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One bounced recipient of a sent campaign email. */
    public record Bounce(
            String eventId,
            String recipient,
            boolean hard,
            String status,
            String reason,
            String storageKey,
            Instant receivedAt) {}

    /** Records a bounce of {@code message}. */
    public void insert(SentMessage message, Bounce bounce) {
        String sql = "INSERT INTO bounces (id, tenant_id, event_id, campaign_id, step_id, enrollment_id, lead_id,"
                + " message_id, recipient, hard, status, reason, storage_key, received_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, message.tenantId());
            insert.setString(3, bounce.eventId());
            insert.setObject(4, message.campaignId());
            insert.setObject(5, message.stepId());
            insert.setObject(6, message.enrollmentId());
            insert.setObject(7, message.leadId());
            insert.setString(8, message.messageId());
            insert.setString(9, bounce.recipient());
            insert.setBoolean(10, bounce.hard());
            insert.setString(11, bounce.status());
            insert.setString(12, bounce.reason());
            insert.setString(13, bounce.storageKey());
            insert.setObject(14, bounce.receivedAt().atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("insert bounce", e);
        }
    }

    /** Whether a hard bounce of this enrollment's email was recorded before. */
    public boolean hardBounced(UUID tenantId, UUID enrollmentId, String messageId) {
        String sql = "SELECT EXISTS (SELECT 1 FROM bounces WHERE tenant_id = ? AND enrollment_id = ?"
                + " AND message_id IS NOT DISTINCT FROM ? AND hard)";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, tenantId);
            select.setObject(2, enrollmentId);
            select.setString(3, messageId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new DataAccessException("find hard bounce", e);
        }
    }

    /** How many soft bounces one step of one enrollment has had, the current one included. */
    public int softBounces(UUID tenantId, UUID enrollmentId, UUID stepId) {
        String sql = "SELECT count(*) FROM bounces WHERE tenant_id = ? AND enrollment_id = ? AND step_id = ?"
                + " AND NOT hard";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, tenantId);
            select.setObject(2, enrollmentId);
            select.setObject(3, stepId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new DataAccessException("count soft bounces", e);
        }
    }
}
