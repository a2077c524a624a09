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

/** The {@code complaints} table: spam complaints (ARF feedback reports) against a lead. */
@ApplicationScoped
public class ComplaintRepository {

    private final DataSource dataSource;

    ComplaintRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Whether a complaint about this enrollment's email was recorded before. */
    public boolean exists(UUID tenantId, UUID enrollmentId, String messageId) {
        String sql = "SELECT EXISTS (SELECT 1 FROM complaints WHERE tenant_id = ? AND enrollment_id = ?"
                + " AND message_id IS NOT DISTINCT FROM ?)";
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
            throw new DataAccessException("find complaint", e);
        }
    }

    /** Records a complaint about {@code message}. */
    public void insert(SentMessage message, String feedbackType, String storageKey, Instant receivedAt) {
        String sql = "INSERT INTO complaints (id, tenant_id, lead_id, email, campaign_id, enrollment_id, message_id,"
                + " feedback_type, storage_key, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, message.tenantId());
            insert.setObject(3, message.leadId());
            insert.setString(4, message.leadEmail());
            insert.setObject(5, message.campaignId());
            insert.setObject(6, message.enrollmentId());
            insert.setString(7, message.messageId());
            insert.setString(8, feedbackType);
            insert.setString(9, storageKey);
            insert.setObject(10, receivedAt.atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("insert complaint", e);
        }
    }
}
