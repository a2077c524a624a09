package io.penguinmails.campaign.repository;

import io.penguinmails.campaign.SentMessage;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;

/** The {@code tracking_events} table: every verified open, click and unsubscribe. */
@ApplicationScoped
public class TrackingEventRepository {

    private final DataSource dataSource;

    TrackingEventRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Records one interaction with a sent email.
     *
     * @param url the clicked link, {@code null} for opens and unsubscribes
     */
    public void insert(String eventType, SentMessage message, String url, String userAgent, Instant at) {
        String sql = "INSERT INTO tracking_events (id, tenant_id, event_type, campaign_id, step_id, enrollment_id,"
                + " lead_id, email_account_id, message_id, url, user_agent, occurred_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, message.tenantId());
            insert.setString(3, eventType);
            insert.setObject(4, message.campaignId());
            insert.setObject(5, message.stepId());
            insert.setObject(6, message.enrollmentId());
            insert.setObject(7, message.leadId());
            insert.setObject(8, message.emailAccountId());
            insert.setString(9, message.messageId());
            insert.setString(10, url);
            insert.setString(11, userAgent);
            insert.setObject(12, at.atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("insert tracking event", e);
        }
    }
}
