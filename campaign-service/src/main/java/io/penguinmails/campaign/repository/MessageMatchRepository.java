package io.penguinmails.campaign.repository;

import io.penguinmails.campaign.SentMessage;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Finds the campaign email an inbound message or a tracking hit belongs to, in {@code inbox_message_refs}, and
 * records matched inbound messages there.
 */
@ApplicationScoped
public class MessageMatchRepository {

    private static final String SENT_COLUMNS = "SELECT r.tenant_id, r.campaign_id, r.step_id, r.enrollment_id,"
            + " r.lead_id, r.email_account_id, r.message_id, r.content_storage_key, l.email"
            + " FROM inbox_message_refs r JOIN leads l ON l.id = r.lead_id"
            + " WHERE r.tenant_id = ? AND r.direction = 'outbound' AND r.enrollment_id IS NOT NULL";

    private final DataSource dataSource;

    MessageMatchRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The most recent campaign email of the tenant sent with one of these Message-IDs. */
    public Optional<SentMessage> byMessageIds(UUID tenantId, Collection<String> messageIds) {
        if (messageIds.isEmpty()) {
            return Optional.empty();
        }
        String sql = SENT_COLUMNS + " AND r.message_id = ANY (?) ORDER BY r.occurred_at DESC LIMIT 1";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, tenantId);
            select.setArray(2, connection.createArrayOf("text", messageIds.toArray()));
            return one(select);
        } catch (SQLException e) {
            throw new DataAccessException("match message ids", e);
        }
    }

    /**
     * The most recent campaign email of the tenant to the lead with this address, from {@code emailAccountId} when it
     * is given, from any mailbox otherwise.
     */
    public Optional<SentMessage> latestToLead(UUID tenantId, String email, UUID emailAccountId) {
        String sql = SENT_COLUMNS + " AND l.tenant_id = r.tenant_id AND l.email = ?"
                + " AND (?::uuid IS NULL OR r.email_account_id = ?) ORDER BY r.occurred_at DESC LIMIT 1";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, tenantId);
            select.setString(2, email);
            select.setObject(3, emailAccountId);
            select.setObject(4, emailAccountId);
            return one(select);
        } catch (SQLException e) {
            throw new DataAccessException("match lead address", e);
        }
    }

    /**
     * The email a tracking token names: the latest one recorded for that enrollment and step, or only the enrollment's
     * campaign, lead and mailbox when none is recorded. Empty when the enrollment does not exist in that tenant.
     */
    public Optional<SentMessage> forTracking(UUID tenantId, UUID enrollmentId, UUID stepId) {
        String sql = "SELECT e.tenant_id, e.campaign_id, ?::uuid, e.id, e.lead_id,"
                + " coalesce(r.email_account_id, e.email_account_id), r.message_id, r.content_storage_key, l.email"
                + " FROM campaign_enrollments e JOIN leads l ON l.id = e.lead_id"
                + " LEFT JOIN LATERAL (SELECT email_account_id, message_id, content_storage_key FROM inbox_message_refs"
                + " WHERE tenant_id = e.tenant_id AND enrollment_id = e.id AND step_id = ? AND direction = 'outbound'"
                + " ORDER BY occurred_at DESC LIMIT 1) r ON TRUE"
                + " WHERE e.id = ? AND e.tenant_id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, stepId);
            select.setObject(2, stepId);
            select.setObject(3, enrollmentId);
            select.setObject(4, tenantId);
            return one(select);
        } catch (SQLException e) {
            throw new DataAccessException("find tracked message", e);
        }
    }

    /** Records a matched inbound message (reply or auto-reply) once; a second copy of the same Message-ID is ignored. */
    public void insertInbound(SentMessage matched, InboundRef inbound) {
        String sql = "INSERT INTO inbox_message_refs (id, tenant_id, email_account_id, campaign_id, step_id, lead_id,"
                + " enrollment_id, direction, message_type, message_id, in_reply_to, content_storage_key, subject,"
                + " occurred_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'inbound', ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (tenant_id, direction, message_id) DO NOTHING";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, matched.tenantId());
            insert.setObject(3, matched.emailAccountId());
            insert.setObject(4, matched.campaignId());
            insert.setObject(5, matched.stepId());
            insert.setObject(6, matched.leadId());
            insert.setObject(7, matched.enrollmentId());
            insert.setString(8, inbound.messageType());
            insert.setString(9, inbound.messageId());
            insert.setString(10, inbound.inReplyTo());
            insert.setString(11, inbound.storageKey());
            insert.setString(12, inbound.subject());
            insert.setObject(13, inbound.receivedAt().atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("insert inbound message ref", e);
        }
    }

    /** The facts of an inbound message kept in {@code inbox_message_refs}. */
    public record InboundRef(
            String messageType,
            String messageId,
            String inReplyTo,
            String storageKey,
            String subject,
            Instant receivedAt) {}

    private static Optional<SentMessage> one(PreparedStatement select) throws SQLException {
        try (ResultSet rs = select.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new SentMessage(
                    rs.getObject(1, UUID.class),
                    rs.getObject(2, UUID.class),
                    rs.getObject(3, UUID.class),
                    rs.getObject(4, UUID.class),
                    rs.getObject(5, UUID.class),
                    rs.getObject(6, UUID.class),
                    rs.getString(7),
                    rs.getString(8),
                    rs.getString(9)));
        }
    }
}
