package io.penguinmails.content.repository;

import io.penguinmails.content.EncodedMessage;
import io.penguinmails.content.PreparedMessage;
import io.penguinmails.contracts.EventJson;
import io.penguinmails.contracts.MailEvent;
import io.penguinmails.contracts.OutboundMailEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Writes messages, their content and attachments, in JDBC batches (one round trip for a whole consumer batch); every
 * insert is idempotent by its natural key.
 */
@ApplicationScoped
public class MessageWriteRepository {

    private static final String INSERT_INBOUND =
            "INSERT INTO email_messages (storage_key, tenant_id, email_account_id, parent_storage_key, direction,"
                    + " message_type, status, message_id, in_reply_to, references_ids, from_email, from_name, to_emails,"
                    + " cc_emails, subject, sent_date, bounce, auto_reply, parse_problems, received_at) VALUES (?, ?, ?, ?,"
                    + " 'inbound', ?, 'received', ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?)"
                    + " ON CONFLICT (storage_key) DO NOTHING";
    private static final String INSERT_OUTBOUND =
            "INSERT INTO email_messages (storage_key, tenant_id, email_account_id, campaign_id, lead_id, step_id,"
                    + " direction, message_type, status, message_id, from_email, from_name, to_emails, subject, sent_date,"
                    + " received_at) VALUES (?, ?, ?, ?, ?, ?, 'outbound', 'email', ?, ?, ?, ?, ?::jsonb, ?, ?, ?)"
                    + " ON CONFLICT (storage_key) DO NOTHING";
    // 'simple' and the cuts as in V2: a huge body must not exceed tsvector's 1 MB limit. Storage format 3: the encoded
    // values are in shared_contents, under the row's content hash.
    private static final String INSERT_CONTENT =
            "INSERT INTO email_content (storage_key, tenant_id, raw_size_bytes, compressed_size_bytes, content_hash,"
                    + " compression_algorithm, expires, retention_days, subject, storage_format, body_size_bytes,"
                    + " body_stored_bytes, search_tsv) VALUES (?, ?, ?, ?, ?, ?, now() + make_interval(days => ?), ?, ?, 3,"
                    + " ?, ?, setweight(to_tsvector('simple'::regconfig, left(coalesce(?, ''), 10000)), 'A')"
                    + " || to_tsvector('simple'::regconfig, left(coalesce(?, ''), 100000))"
                    + " || array_to_tsvector(array_remove(ARRAY[?::text], NULL)))"
                    + " ON CONFLICT (storage_key) DO NOTHING";
    // DO UPDATE, not DO NOTHING, for the reason given at upsertBlob; rows go in hash order (one lock order for every
    // writer). xmax = 0 only on a fresh insert.
    private static final String UPSERT_SHARED_CONTENTS =
            "INSERT INTO shared_contents AS s (tenant_id, content_hash, raw_message, bodies, dictionary_id, stored_bytes,"
                    + " expires) SELECT ?, u.h, u.r, u.b, u.d, u.n, now() + make_interval(days => ?)"
                    + " FROM unnest(?::text[], ?::bytea[], ?::bytea[], ?::int8[], ?::int4[]) AS u (h, r, b, d, n)"
                    + " ORDER BY u.h COLLATE \"C\" ON CONFLICT (tenant_id, content_hash)"
                    + " DO UPDATE SET expires = greatest(s.expires, excluded.expires) RETURNING s.content_hash, xmax = 0";
    private static final String INSERT_ATTACHMENT =
            "INSERT INTO attachments (id, tenant_id, storage_key, position, filename, mime_type, size_bytes, sha256,"
                    + " disposition, content_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (storage_key, position) DO NOTHING";
    private static final String ADD_DAILY =
            "INSERT INTO storage_daily AS d (tenant_id, day, messages, raw_bytes, stored_bytes, body_bytes, attachments,"
                    + " attachment_bytes, blobs, blob_bytes, shared_bytes, contents, content_bytes)"
                    + " VALUES (?, (now() AT TIME ZONE 'UTC')::date, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (tenant_id, day) DO UPDATE SET messages = d.messages + excluded.messages,"
                    + " raw_bytes = d.raw_bytes + excluded.raw_bytes, stored_bytes = d.stored_bytes + excluded.stored_bytes,"
                    + " body_bytes = d.body_bytes + excluded.body_bytes, attachments = d.attachments + excluded.attachments,"
                    + " attachment_bytes = d.attachment_bytes + excluded.attachment_bytes, blobs = d.blobs + excluded.blobs,"
                    + " blob_bytes = d.blob_bytes + excluded.blob_bytes, shared_bytes = d.shared_bytes + excluded.shared_bytes,"
                    + " contents = d.contents + excluded.contents, content_bytes = d.content_bytes + excluded.content_bytes";

    private final DataSource dataSource;

    MessageWriteRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Inserts the metadata rows of one tenant's messages in one batch, in order (a later duplicate of a storage key
     * finds the earlier one).
     *
     * @param parents storage key of the parent by Message-ID, for inbound replies
     * @return per message, whether it was inserted now (false: its storage key was stored before)
     */
    public boolean[] insertMessages(List<PreparedMessage> batch, Map<String, String> parents) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement inbound = c.prepareStatement(INSERT_INBOUND);
                PreparedStatement outbound = c.prepareStatement(INSERT_OUTBOUND)) {
            for (PreparedMessage m : batch) {
                if (m.inbound() != null) {
                    bindInbound(c, inbound, m, parents.get(m.inbound().inReplyTo()));
                    inbound.addBatch();
                } else {
                    bindOutbound(outbound, m);
                    outbound.addBatch();
                }
            }
            int[] inboundCounts = inbound.executeBatch();
            int[] outboundCounts = outbound.executeBatch();
            boolean[] inserted = new boolean[batch.size()];
            int in = 0;
            int out = 0;
            for (int i = 0; i < inserted.length; i++) {
                inserted[i] = batch.get(i).inbound() != null ? inboundCounts[in++] == 1 : outboundCounts[out++] == 1;
            }
            return inserted;
        } catch (SQLException ex) {
            throw new RepositoryException(ex);
        }
    }

    /** Inserts the content rows of messages in one batch; their encoded values go to {@link #upsertSharedContents}. */
    public void insertContents(List<PreparedMessage> batch, int retentionDays) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(INSERT_CONTENT)) {
            for (PreparedMessage m : batch) {
                ps.setString(1, m.storageKey());
                ps.setObject(2, m.tenantId());
                ps.setInt(3, m.rawSize());
                ps.setInt(4, m.storedSize());
                ps.setString(5, m.contentHash());
                ps.setString(6, m.content().algorithm());
                ps.setInt(7, retentionDays);
                ps.setInt(8, retentionDays);
                ps.setString(9, m.subject());
                ps.setInt(10, m.content().bodySize());
                ps.setInt(11, m.content().bodies().length);
                ps.setString(12, m.subject());
                ps.setString(13, m.searchText());
                ps.setString(
                        14,
                        CampaignSearchTerm.lexeme(
                                m.outbound() == null ? null : m.outbound().campaignId()));
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException ex) {
            throw new RepositoryException(ex);
        }
    }

    /**
     * Stores each content once per tenant and content hash, in one statement.
     *
     * @param byHash one message per distinct content hash
     * @param retentionDays how long the tenant keeps the messages: a content outlives the last that refers to it
     * @return the hashes whose content was stored now (the others were stored before)
     */
    public Set<String> upsertSharedContents(UUID tenantId, Collection<PreparedMessage> byHash, int retentionDays) {
        List<EncodedMessage> contents =
                byHash.stream().map(PreparedMessage::content).toList();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(UPSERT_SHARED_CONTENTS)) {
            ps.setObject(1, tenantId);
            ps.setInt(2, retentionDays);
            ps.setArray(
                    3,
                    c.createArrayOf(
                            "text",
                            byHash.stream().map(PreparedMessage::contentHash).toArray()));
            ps.setArray(
                    4,
                    c.createArrayOf(
                            "bytea", contents.stream().map(EncodedMessage::raw).toArray(byte[][]::new)));
            ps.setArray(
                    5,
                    c.createArrayOf(
                            "bytea",
                            contents.stream().map(EncodedMessage::bodies).toArray(byte[][]::new)));
            ps.setArray(
                    6,
                    c.createArrayOf(
                            "int8",
                            contents.stream().map(EncodedMessage::dictionaryId).toArray(Long[]::new)));
            ps.setArray(
                    7,
                    c.createArrayOf(
                            "int4",
                            contents.stream().map(EncodedMessage::storedBytes).toArray(Integer[]::new)));
            return createdHashes(ps);
        } catch (SQLException ex) {
            throw new RepositoryException(ex);
        }
    }

    private static Set<String> createdHashes(PreparedStatement ps) throws SQLException {
        Set<String> created = new HashSet<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (rs.getBoolean(2)) {
                    created.add(rs.getString(1));
                }
            }
        }
        return created;
    }

    /**
     * Stores attachment bytes once per tenant and SHA-256.
     *
     * @return true when the blob is new
     */
    public boolean upsertBlob(UUID tenantId, String sha256, byte[] content) {
        // DO UPDATE, not DO NOTHING: it locks an existing blob until this transaction links it, so the purge
        // (FOR UPDATE SKIP LOCKED) cannot delete it in between as unreferenced. xmax = 0 only on a fresh insert.
        String sql = "INSERT INTO attachment_blobs (tenant_id, sha256, size_bytes, content) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (tenant_id, sha256) DO UPDATE SET size_bytes = attachment_blobs.size_bytes"
                + " RETURNING xmax = 0";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, tenantId);
            ps.setString(2, sha256);
            ps.setLong(3, content.length);
            ps.setBytes(4, content);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException ex) {
            throw new RepositoryException(ex);
        }
    }

    /** Links a message's attachments to it; ids derive from storage key and position, so they are stable. */
    public void insertAttachments(UUID tenantId, String storageKey, List<PreparedMessage.Attachment> attachments) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(INSERT_ATTACHMENT)) {
            for (PreparedMessage.Attachment attachment : attachments) {
                MailEvent.Attachment a = attachment.meta();
                ps.setObject(1, attachmentId(storageKey, attachment.position()));
                ps.setObject(2, tenantId);
                ps.setString(3, storageKey);
                ps.setInt(4, attachment.position());
                ps.setString(5, stripNul(a.filename()));
                ps.setString(6, a.mimeType());
                ps.setLong(7, a.sizeBytes());
                ps.setString(8, a.sha256());
                ps.setString(9, a.disposition());
                ps.setString(10, a.contentId());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException ex) {
            throw new RepositoryException(ex);
        }
    }

    /** Adds what a transaction stored for a tenant to today's (UTC) storage counters. */
    public void addToDailyTotals(UUID tenantId, DailyTotals t) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(ADD_DAILY)) {
            ps.setObject(1, tenantId);
            ps.setLong(2, t.messages());
            ps.setLong(3, t.rawBytes());
            ps.setLong(4, t.storedBytes());
            ps.setLong(5, t.bodyBytes());
            ps.setLong(6, t.attachments());
            ps.setLong(7, t.attachmentBytes());
            ps.setLong(8, t.blobs());
            ps.setLong(9, t.blobBytes());
            ps.setLong(10, t.sharedBytes());
            ps.setLong(11, t.contents());
            ps.setLong(12, t.contentBytes());
            ps.executeUpdate();
        } catch (SQLException ex) {
            throw new RepositoryException(ex);
        }
    }

    /** The storage keys of the tenant's messages with these Message-IDs (the earliest for each), parents of replies. */
    public Map<String, String> storageKeysOfMessageIds(UUID tenantId, Collection<String> messageIds) {
        Map<String, String> result = new HashMap<>();
        if (messageIds.isEmpty()) {
            return result;
        }
        String sql = "SELECT DISTINCT ON (message_id) message_id, storage_key FROM email_messages"
                + " WHERE tenant_id = ? AND message_id = ANY (?) ORDER BY message_id, created";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, tenantId);
            ps.setArray(2, c.createArrayOf("text", messageIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.put(rs.getString(1), rs.getString(2));
                }
            }
            return result;
        } catch (SQLException ex) {
            throw new RepositoryException(ex);
        }
    }

    /** The stable id of the attachment at a position of a message. */
    public static UUID attachmentId(String storageKey, int position) {
        return UUID.nameUUIDFromBytes((storageKey + "#" + position).getBytes(StandardCharsets.UTF_8));
    }

    private static void bindInbound(Connection c, PreparedStatement ps, PreparedMessage m, String parentKey)
            throws SQLException {
        MailEvent e = m.inbound();
        ps.setString(1, e.storageKey());
        ps.setObject(2, m.tenantId());
        ps.setString(3, e.emailAccountId());
        ps.setString(4, parentKey);
        ps.setString(5, e.messageType());
        ps.setString(6, e.messageId());
        ps.setString(7, e.inReplyTo());
        ps.setArray(8, c.createArrayOf("text", listOrEmpty(e.references()).toArray()));
        ps.setString(9, e.from() == null ? null : e.from().address());
        ps.setString(10, e.from() == null ? null : e.from().name());
        ps.setString(11, jsonb(listOrEmpty(e.to())));
        ps.setString(12, jsonb(listOrEmpty(e.cc())));
        ps.setString(13, stripNul(e.subject()));
        ps.setTimestamp(14, timestamp(e.date()));
        ps.setString(15, e.bounce() == null ? null : jsonb(e.bounce()));
        ps.setString(16, e.autoReply() == null ? null : jsonb(e.autoReply()));
        ps.setString(17, jsonb(listOrEmpty(e.parseProblems())));
        ps.setTimestamp(18, timestamp(e.receivedAt()));
    }

    private static void bindOutbound(PreparedStatement ps, PreparedMessage m) throws SQLException {
        OutboundMailEvent e = m.outbound();
        ps.setString(1, e.storageKey());
        ps.setObject(2, m.tenantId());
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
    }

    private static <T> List<T> listOrEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** PostgreSQL text cannot hold NUL, which broken mail does contain. */
    public static String stripNul(String value) {
        return value == null ? null : value.replace("\u0000", "");
    }

    /** JSON for a jsonb column, which refuses the NUL escape that broken mail can produce. */
    public static String jsonb(Object value) {
        return EventJson.write(value).replace("\\u0000", "");
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    /**
     * What one transaction adds to a tenant's storage counters.
     *
     * @param sharedBytes encoded size of the stored messages' content, each counted as if it had its own copy
     * @param contents shared contents created (identical content is stored once per tenant)
     * @param contentBytes their encoded size
     */
    public record DailyTotals(
            long messages,
            long rawBytes,
            long storedBytes,
            long bodyBytes,
            long attachments,
            long attachmentBytes,
            long blobs,
            long blobBytes,
            long sharedBytes,
            long contents,
            long contentBytes) {}
}
