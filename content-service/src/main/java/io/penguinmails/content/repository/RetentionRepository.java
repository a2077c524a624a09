package io.penguinmails.content.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Deletes messages (their content and attachment links go with them by cascade), shared contents and attachment blobs
 * no message references any more and compression dictionaries no row names any more, and takes the messages and blobs it deleted
 * off the per-day storage counters in the same statement. Batched deletes lock only the rows they take and skip rows
 * another replica holds.
 */
@ApplicationScoped
public class RetentionRepository {

    /** What a doomed message counted for; {@code %s} is the condition choosing the messages. */
    private static final String DELETE_MESSAGES = "WITH doomed AS (SELECT m.storage_key, m.tenant_id,"
            + " (m.created AT TIME ZONE 'UTC')::date AS day, coalesce(c.raw_size_bytes, 0) AS raw_bytes,"
            + " coalesce(c.compressed_size_bytes, 0) AS stored_bytes,"
            + " CASE WHEN c.storage_format >= 2 THEN c.body_stored_bytes ELSE coalesce(pg_column_size(c.content_text), 0)"
            + " + coalesce(pg_column_size(c.content_html), 0) + coalesce(pg_column_size(c.headers), 0) END AS body_bytes,"
            // As MessageStorageService counted it: the encoded bodies, and the raw message, which only inbound mail
            // has.
            + " CASE WHEN c.storage_format = 3 THEN c.body_stored_bytes"
            + " + CASE WHEN m.direction = 'inbound' THEN c.compressed_size_bytes ELSE 0 END ELSE 0 END AS shared_bytes,"
            + " (SELECT count(*) FROM attachments a WHERE a.storage_key = m.storage_key) AS attachments,"
            + " (SELECT coalesce(sum(a.size_bytes), 0) FROM attachments a WHERE a.storage_key = m.storage_key)"
            + " AS attachment_bytes FROM email_messages m LEFT JOIN email_content c ON c.storage_key = m.storage_key"
            + " WHERE %s),"
            + " gone AS (DELETE FROM email_messages m USING doomed d WHERE m.storage_key = d.storage_key RETURNING d.*),"
            + " counted AS (UPDATE storage_daily s SET messages = s.messages - g.messages,"
            + " raw_bytes = s.raw_bytes - g.raw_bytes, stored_bytes = s.stored_bytes - g.stored_bytes,"
            + " body_bytes = s.body_bytes - g.body_bytes, attachments = s.attachments - g.attachments,"
            + " attachment_bytes = s.attachment_bytes - g.attachment_bytes, shared_bytes = s.shared_bytes - g.shared_bytes"
            + " FROM (SELECT tenant_id, day, count(*) AS messages, sum(raw_bytes) AS raw_bytes,"
            + " sum(stored_bytes) AS stored_bytes, sum(body_bytes) AS body_bytes, sum(shared_bytes) AS shared_bytes,"
            + " sum(attachments) AS attachments, sum(attachment_bytes) AS attachment_bytes FROM gone GROUP BY 1, 2) g"
            + " WHERE s.tenant_id = g.tenant_id AND s.day = g.day)"
            + " SELECT count(*) FROM gone";

    private static final String DELETE_BLOBS = "WITH doomed AS (SELECT b.tenant_id, b.sha256,"
            + " (b.created AT TIME ZONE 'UTC')::date AS day, b.size_bytes FROM attachment_blobs b WHERE NOT EXISTS"
            + " (SELECT 1 FROM attachments a WHERE a.tenant_id = b.tenant_id AND a.sha256 = b.sha256) %s),"
            + " gone AS (DELETE FROM attachment_blobs b USING doomed d WHERE b.tenant_id = d.tenant_id"
            + " AND b.sha256 = d.sha256 RETURNING d.*),"
            + " counted AS (UPDATE storage_daily s SET blobs = s.blobs - g.blobs, blob_bytes = s.blob_bytes - g.bytes"
            + " FROM (SELECT tenant_id, day, count(*) AS blobs, sum(size_bytes) AS bytes FROM gone GROUP BY 1, 2) g"
            + " WHERE s.tenant_id = g.tenant_id AND s.day = g.day)"
            + " SELECT count(*) FROM gone";

    /** The messages of a tenant from, to or copied to an address; parameters tenant, address, address. */
    private static final String ADDRESS_CONDITION = "m.tenant_id = ? AND (lower(m.from_email) = lower(?)"
            + " OR EXISTS (SELECT 1 FROM jsonb_array_elements(m.to_emails || m.cc_emails) t"
            + " WHERE lower(t->>'address') = lower(?)))";

    /** Shared contents no message refers to any more; {@code %s} narrows the candidates. */
    private static final String DELETE_CONTENTS = "WITH doomed AS (SELECT s.tenant_id, s.content_hash,"
            + " (s.created AT TIME ZONE 'UTC')::date AS day, s.stored_bytes FROM shared_contents s WHERE %s AND NOT EXISTS"
            + " (SELECT 1 FROM email_content c WHERE c.tenant_id = s.tenant_id AND c.content_hash = s.content_hash"
            + " AND c.storage_format = 3) %s),"
            + " gone AS (DELETE FROM shared_contents s USING doomed d WHERE s.tenant_id = d.tenant_id"
            + " AND s.content_hash = d.content_hash RETURNING d.*),"
            + " counted AS (UPDATE storage_daily s SET contents = s.contents - g.contents,"
            + " content_bytes = s.content_bytes - g.bytes FROM (SELECT tenant_id, day, count(*) AS contents,"
            + " sum(stored_bytes) AS bytes FROM gone GROUP BY 1, 2) g WHERE s.tenant_id = g.tenant_id AND s.day = g.day)"
            + " SELECT count(*) FROM gone";

    private final DataSource dataSource;

    RetentionRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Deletes up to {@code limit} messages of any tenant past their expiry; the number deleted. */
    public int deleteExpired(int limit) {
        return count(
                DELETE_MESSAGES.formatted("m.storage_key IN (SELECT storage_key FROM email_content"
                        + " WHERE expires < now() LIMIT ? FOR UPDATE SKIP LOCKED)"),
                List.of(limit));
    }

    /**
     * Deletes up to {@code limit} shared contents of any tenant past their expiry that no message refers to; the number
     * deleted. A content's expiry is the latest of its messages', so no other content can have lost its last message
     * to the purge.
     */
    public int deleteExpiredContents(int limit) {
        return count(
                DELETE_CONTENTS.formatted("s.expires < now()", "LIMIT ? FOR UPDATE OF s SKIP LOCKED"), List.of(limit));
    }

    /** Deletes the tenant's shared contents with these hashes that no message refers to any more; the number deleted. */
    public int deleteUnreferencedContents(UUID tenantId, List<String> contentHashes) {
        return count(
                DELETE_CONTENTS.formatted(
                        "s.tenant_id = ? AND s.content_hash = ANY (?)", "FOR UPDATE OF s SKIP LOCKED"),
                List.of(tenantId, contentHashes.toArray(String[]::new)));
    }

    /** The content hashes of the tenant's messages from, to or copied to an address, which an erase deletes. */
    public List<String> contentHashesOfAddress(UUID tenantId, String address) {
        String sql = "SELECT DISTINCT c.content_hash FROM email_messages m JOIN email_content c USING (storage_key)"
                + " WHERE " + ADDRESS_CONDITION + " AND c.content_hash IS NOT NULL";
        List<String> hashes = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, List.of(tenantId, address, address));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    hashes.add(rs.getString(1));
                }
            }
            return hashes;
        } catch (SQLException e) {
            throw new RepositoryException(e);
        }
    }

    /** Deletes up to {@code limit} blobs of any tenant that no attachment references; the number deleted. */
    public int deleteUnreferencedBlobs(int limit) {
        return count(DELETE_BLOBS.formatted("LIMIT ? FOR UPDATE OF b SKIP LOCKED"), List.of(limit));
    }

    /** Deletes the blobs of one tenant that no attachment references; the number deleted. */
    public int deleteUnreferencedBlobs(UUID tenantId) {
        return count(DELETE_BLOBS.formatted("AND b.tenant_id = ? FOR UPDATE OF b SKIP LOCKED"), List.of(tenantId));
    }

    /**
     * Deletes up to {@code limit} compression dictionaries of any tenant that no stored row names and that a newer
     * version of their tenant's superseded more than {@code keep} ago; the number deleted. A tenant's newest
     * dictionary is never deleted: writers compress with it.
     */
    public int deleteUnusedDictionaries(Duration keep, int limit) {
        return count(
                "WITH gone AS (DELETE FROM compression_dictionaries WHERE id IN (SELECT d.id"
                        + " FROM compression_dictionaries d WHERE EXISTS (SELECT 1 FROM compression_dictionaries n"
                        + " WHERE n.tenant_id = d.tenant_id AND n.version > d.version"
                        + " AND n.created < now() - make_interval(secs => ?))"
                        + " AND NOT EXISTS (SELECT 1 FROM email_content c WHERE c.dictionary_id = d.id)"
                        + " AND NOT EXISTS (SELECT 1 FROM shared_contents s WHERE s.dictionary_id = d.id)"
                        + " LIMIT ? FOR UPDATE OF d SKIP LOCKED) RETURNING id) SELECT count(*) FROM gone",
                List.of((double) keep.toMillis() / 1000, limit));
    }

    /** Deletes every message of a tenant from, to or copied to an address (case-insensitive); the number deleted. */
    public int deleteByAddress(UUID tenantId, String address) {
        return count(DELETE_MESSAGES.formatted(ADDRESS_CONDITION), List.of(tenantId, address, address));
    }

    private int count(String sql, List<Object> params) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new RepositoryException(e);
        }
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }
}
