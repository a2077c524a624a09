package io.penguinmails.content.repository;

import io.penguinmails.contracts.EventJson;
import io.penguinmails.contracts.MailEvent;
import io.penguinmails.contracts.OutboundMailEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** Writes messages, their content and attachments; every insert is idempotent by its natural key. */
@ApplicationScoped
public class MessageWriteRepository {

    private final DataSource dataSource;

    MessageWriteRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Inserts the metadata row; false when the storage key is already stored. */
    public boolean insertMessage(MailEvent e, UUID tenantId, String direction, String status, String parentKey) {
        String sql =
                "INSERT INTO email_messages (storage_key, tenant_id, email_account_id, parent_storage_key, direction,"
                        + " message_type, status, message_id, in_reply_to, references_ids, from_email, from_name, to_emails,"
                        + " cc_emails, subject, sent_date, bounce, auto_reply, parse_problems, received_at) VALUES (?, ?, ?, ?, ?,"
                        + " ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?)"
                        + " ON CONFLICT (storage_key) DO NOTHING";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, e.storageKey());
            ps.setObject(2, tenantId);
            ps.setString(3, e.emailAccountId());
            ps.setString(4, parentKey);
            ps.setString(5, direction);
            ps.setString(6, e.messageType());
            ps.setString(7, status);
            ps.setString(8, e.messageId());
            ps.setString(9, e.inReplyTo());
            ps.setArray(10, c.createArrayOf("text", listOrEmpty(e.references()).toArray()));
            ps.setString(11, e.from() == null ? null : e.from().address());
            ps.setString(12, e.from() == null ? null : e.from().name());
            ps.setString(13, jsonb(listOrEmpty(e.to())));
            ps.setString(14, jsonb(listOrEmpty(e.cc())));
            ps.setString(15, e.subject());
            ps.setTimestamp(16, timestamp(e.date()));
            ps.setString(17, e.bounce() == null ? null : jsonb(e.bounce()));
            ps.setString(18, e.autoReply() == null ? null : jsonb(e.autoReply()));
            ps.setString(19, jsonb(listOrEmpty(e.parseProblems())));
            ps.setTimestamp(20, timestamp(e.receivedAt()));
            return ps.executeUpdate() == 1;
        } catch (SQLException ex) {
            throw new RepositoryException(ex);
        }
    }

    /** Inserts the bodies, headers and compressed raw message of a stored message. */
    public void insertContent(MailEvent e, UUID tenantId, StoredRaw raw, int retentionDays) {
        String sql =
                "INSERT INTO email_content (storage_key, tenant_id, content_text, content_html, headers, raw_message,"
                        + " raw_size_bytes, compressed_size_bytes, content_hash, compression_algorithm, expires, retention_days,"
                        + " subject) VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, now() + make_interval(days => ?), ?, ?)"
                        + " ON CONFLICT (storage_key) DO NOTHING";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, e.storageKey());
            ps.setObject(2, tenantId);
            ps.setString(3, stripNul(e.text()));
            ps.setString(4, stripNul(e.html()));
            ps.setString(5, jsonb(listOrEmpty(e.headers())));
            ps.setBytes(6, raw.compressed());
            ps.setInt(7, raw.rawSize());
            ps.setInt(8, raw.compressed().length);
            ps.setString(9, raw.sha256());
            ps.setString(10, raw.algorithm());
            ps.setInt(11, retentionDays);
            ps.setInt(12, retentionDays);
            ps.setString(13, stripNul(e.subject()));
            ps.executeUpdate();
        } catch (SQLException ex) {
            throw new RepositoryException(ex);
        }
    }

    /** Inserts the metadata row of a campaign email; false when the storage key is already stored. */
    public boolean insertOutboundMessage(OutboundMailEvent e, UUID tenantId) {
        String sql =
                "INSERT INTO email_messages (storage_key, tenant_id, email_account_id, campaign_id, lead_id, step_id,"
                        + " direction, message_type, status, message_id, from_email, from_name, to_emails, subject, sent_date,"
                        + " received_at) VALUES (?, ?, ?, ?, ?, ?, 'outbound', 'email', ?, ?, ?, ?, ?::jsonb, ?, ?, ?)"
                        + " ON CONFLICT (storage_key) DO NOTHING";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, e.storageKey());
            ps.setObject(2, tenantId);
            ps.setString(3, e.emailAccountId());
            ps.setString(4, e.campaignId());
            ps.setString(5, e.leadId());
            ps.setString(6, e.stepId());
            ps.setString(7, e.status());
            ps.setString(8, e.messageId());
            ps.setString(9, e.from() == null ? null : e.from().address());
            ps.setString(10, e.from() == null ? null : e.from().name());
            ps.setString(11, jsonb(listOrEmpty(e.to())));
            ps.setString(12, stripNul(e.subject()));
            ps.setTimestamp(13, timestamp(e.sentAt()));
            ps.setTimestamp(14, timestamp(e.sentAt()));
            return ps.executeUpdate() == 1;
        } catch (SQLException ex) {
            throw new RepositoryException(ex);
        }
    }

    /**
     * Inserts the rendered bodies of a campaign email. There is no raw message: sizes are those of the bodies as
     * stored (PostgreSQL compresses large text values itself) and the hash covers subject, text and html.
     */
    public void insertOutboundContent(OutboundMailEvent e, UUID tenantId, int retentionDays) {
        String sql = "INSERT INTO email_content (storage_key, tenant_id, content_text, content_html, raw_message,"
                + " raw_size_bytes, compressed_size_bytes, content_hash, compression_algorithm, expires, retention_days,"
                + " subject) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, 'none', now() + make_interval(days => ?), ?, ?)"
                + " ON CONFLICT (storage_key) DO NOTHING";
        String text = stripNul(e.text());
        String html = stripNul(e.html());
        byte[] bodies = (nullToEmpty(e.subject()) + "\n" + nullToEmpty(text) + "\n" + nullToEmpty(html))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, e.storageKey());
            ps.setObject(2, tenantId);
            ps.setString(3, text);
            ps.setString(4, html);
            ps.setInt(5, bodies.length);
            ps.setInt(6, bodies.length);
            ps.setString(7, io.penguinmails.contracts.StorageKeys.sha256Hex(bodies));
            ps.setInt(8, retentionDays);
            ps.setInt(9, retentionDays);
            ps.setString(10, stripNul(e.subject()));
            ps.executeUpdate();
        } catch (SQLException ex) {
            throw new RepositoryException(ex);
        }
    }

    /** Stores attachment bytes once per tenant and SHA-256. */
    public void upsertBlob(UUID tenantId, String sha256, byte[] content) {
        // DO UPDATE, not DO NOTHING: it locks an existing blob until this transaction links it, so the purge
        // (FOR UPDATE SKIP LOCKED) cannot delete it in between as unreferenced.
        String sql = "INSERT INTO attachment_blobs (tenant_id, sha256, size_bytes, content) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (tenant_id, sha256) DO UPDATE SET size_bytes = attachment_blobs.size_bytes";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, tenantId);
            ps.setString(2, sha256);
            ps.setLong(3, content.length);
            ps.setBytes(4, content);
            ps.executeUpdate();
        } catch (SQLException ex) {
            throw new RepositoryException(ex);
        }
    }

    /** Links an attachment to its message; its id is derived from the storage key and position, so it is stable. */
    public void insertAttachment(UUID tenantId, String storageKey, int position, MailEvent.Attachment a) {
        String sql =
                "INSERT INTO attachments (id, tenant_id, storage_key, position, filename, mime_type, size_bytes, sha256,"
                        + " disposition, content_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (storage_key, position) DO NOTHING";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, attachmentId(storageKey, position));
            ps.setObject(2, tenantId);
            ps.setString(3, storageKey);
            ps.setInt(4, position);
            ps.setString(5, stripNul(a.filename()));
            ps.setString(6, a.mimeType());
            ps.setLong(7, a.sizeBytes());
            ps.setString(8, a.sha256());
            ps.setString(9, a.disposition());
            ps.setString(10, a.contentId());
            ps.executeUpdate();
        } catch (SQLException ex) {
            throw new RepositoryException(ex);
        }
    }

    /** The storage key of the tenant's message with this Message-ID, the parent of a reply. */
    public String storageKeyOfMessageId(UUID tenantId, String messageId) {
        if (messageId == null) {
            return null;
        }
        String sql =
                "SELECT storage_key FROM email_messages WHERE tenant_id = ? AND message_id = ? ORDER BY created LIMIT 1";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, tenantId);
            ps.setString(2, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException ex) {
            throw new RepositoryException(ex);
        }
    }

    /** The stable id of the attachment at a position of a message. */
    public static UUID attachmentId(String storageKey, int position) {
        return UUID.nameUUIDFromBytes((storageKey + "#" + position).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static <T> List<T> listOrEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** PostgreSQL text cannot hold NUL, which broken mail does contain. */
    private static String stripNul(String value) {
        return value == null ? null : value.replace("\u0000", "");
    }

    /** JSON for a jsonb column, which refuses the NUL escape that broken mail can produce. */
    private static String jsonb(Object value) {
        return EventJson.write(value).replace("\\u0000", "");
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    /** A raw message ready to store: compressed, with its original size and SHA-256. */
    public record StoredRaw(byte[] compressed, int rawSize, String sha256, String algorithm) {}
}
