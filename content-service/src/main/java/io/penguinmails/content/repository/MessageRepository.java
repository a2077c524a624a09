package io.penguinmails.content.repository;

import io.penguinmails.content.StoredAttachment;
import io.penguinmails.content.StoredMessage;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Reads the Content tier; every query is scoped to one tenant. */
@ApplicationScoped
public class MessageRepository {

    private static final String MESSAGE_COLUMNS =
            "m.storage_key, m.email_account_id, m.direction, m.message_type, m.status,"
                    + " m.message_id, m.in_reply_to, m.references_ids, m.from_email, m.from_name, m.to_emails::text,"
                    + " m.cc_emails::text, m.subject, m.sent_date, m.received_at, m.bounce::text, m.auto_reply::text,"
                    + " m.parent_storage_key, m.campaign_id, m.lead_id, m.step_id, "
                    + EncodedContent.COLUMNS_WITHOUT_RAW;

    private final DataSource dataSource;

    MessageRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * A message of a tenant, with its content as stored (the message's bodies are left null) except the raw message,
     * which {@link #content} returns.
     */
    public Optional<Found> find(UUID tenantId, String storageKey) {
        String sql = "SELECT " + MESSAGE_COLUMNS + " FROM email_messages m JOIN email_content c USING (storage_key)"
                + EncodedContent.SHARED + " WHERE m.tenant_id = ? AND m.storage_key = ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, tenantId);
            ps.setString(2, storageKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Found(message(rs), EncodedContent.read(rs, 22))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new RepositoryException(e);
        }
    }

    /** The attachments of a tenant's message, in document order. */
    public List<StoredAttachment> attachments(UUID tenantId, String storageKey) {
        String sql = "SELECT id, filename, mime_type, size_bytes, sha256, disposition, content_id FROM attachments"
                + " WHERE tenant_id = ? AND storage_key = ? ORDER BY position";
        List<StoredAttachment> result = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, tenantId);
            ps.setString(2, storageKey);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new StoredAttachment(
                            rs.getObject(1, UUID.class),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getLong(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7)));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new RepositoryException(e);
        }
    }

    /** The bytes of one attachment of a tenant's message. */
    public Optional<byte[]> attachmentBytes(UUID tenantId, String storageKey, UUID attachmentId) {
        String sql = "SELECT b.content FROM attachments a JOIN attachment_blobs b ON b.tenant_id = a.tenant_id"
                + " AND b.sha256 = a.sha256 WHERE a.tenant_id = ? AND a.storage_key = ? AND a.id = ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, tenantId);
            ps.setString(2, storageKey);
            ps.setObject(3, attachmentId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new RepositoryException(e);
        }
    }

    /** The stored content of a tenant's message; its raw is null for outbound mail. */
    public Optional<EncodedContent> content(UUID tenantId, String storageKey) {
        String sql = "SELECT " + EncodedContent.COLUMNS + " FROM email_content c" + EncodedContent.SHARED
                + " WHERE c.tenant_id = ? AND c.storage_key = ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, tenantId);
            ps.setString(2, storageKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(EncodedContent.read(rs, 1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new RepositoryException(e);
        }
    }

    private static StoredMessage message(ResultSet rs) throws SQLException {
        return new StoredMessage(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                strings(rs.getArray(8)),
                rs.getString(9),
                rs.getString(10),
                rs.getString(11),
                rs.getString(12),
                rs.getString(13),
                instant(rs.getTimestamp(14)),
                instant(rs.getTimestamp(15)),
                rs.getString(16),
                rs.getString(17),
                rs.getString(18),
                null,
                null,
                null,
                rs.getString(19),
                rs.getString(20),
                rs.getString(21));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }

    /** A message's metadata and its content as stored, to be decoded. */
    public record Found(StoredMessage message, EncodedContent content) {}
}
