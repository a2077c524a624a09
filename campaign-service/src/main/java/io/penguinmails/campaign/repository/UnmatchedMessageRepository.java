package io.penguinmails.campaign.repository;

import io.penguinmails.contracts.MailEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;

/** The {@code unmatched_messages} table: inbound mail no campaign email could be matched to, kept with the reason. */
@ApplicationScoped
public class UnmatchedMessageRepository {

    private final DataSource dataSource;

    UnmatchedMessageRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Keeps an unmatched message of the tenant. */
    public void insert(UUID tenantId, String eventId, String topic, MailEvent event, String reason) {
        String sql = "INSERT INTO unmatched_messages (id, tenant_id, event_id, topic, message_type, storage_key,"
                + " email_account_id, message_id, from_address, subject, reason, received_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, tenantId);
            insert.setString(3, eventId);
            insert.setString(4, topic);
            insert.setString(5, event.messageType());
            insert.setString(6, event.storageKey());
            insert.setString(7, event.emailAccountId());
            insert.setString(8, event.messageId());
            insert.setString(9, event.from() == null ? null : event.from().address());
            insert.setString(10, event.subject());
            insert.setString(11, reason);
            insert.setObject(12, event.receivedAt().atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("insert unmatched message", e);
        }
    }
}
