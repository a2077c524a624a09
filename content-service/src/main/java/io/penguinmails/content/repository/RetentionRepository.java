package io.penguinmails.content.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Deletes messages (their content and attachment links go with them by cascade) and attachment blobs no message
 * references any more. Batched deletes lock only the rows they take and skip rows another replica holds.
 */
@ApplicationScoped
public class RetentionRepository {

    private static final String UNREFERENCED_BLOBS = "SELECT b.tenant_id, b.sha256 FROM attachment_blobs b"
            + " WHERE NOT EXISTS (SELECT 1 FROM attachments a WHERE a.tenant_id = b.tenant_id AND a.sha256 = b.sha256)";

    private final DataSource dataSource;

    RetentionRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Deletes up to {@code limit} messages past their expiry; the number deleted. */
    public int deleteExpired(int limit) {
        return update(
                "DELETE FROM email_messages WHERE storage_key IN (SELECT storage_key FROM email_content"
                        + " WHERE expires < now() LIMIT ? FOR UPDATE SKIP LOCKED)",
                List.of(limit));
    }

    /** Deletes up to {@code limit} blobs of any tenant that no attachment references; the number deleted. */
    public int deleteUnreferencedBlobs(int limit) {
        return update(
                "DELETE FROM attachment_blobs WHERE (tenant_id, sha256) IN (" + UNREFERENCED_BLOBS
                        + " LIMIT ? FOR UPDATE OF b SKIP LOCKED)",
                List.of(limit));
    }

    /** Deletes the blobs of one tenant that no attachment references; the number deleted. */
    public int deleteUnreferencedBlobs(UUID tenantId) {
        return update(
                "DELETE FROM attachment_blobs WHERE (tenant_id, sha256) IN (" + UNREFERENCED_BLOBS
                        + " AND b.tenant_id = ? FOR UPDATE OF b SKIP LOCKED)",
                List.of(tenantId));
    }

    /** Deletes every message of a tenant from, to or copied to an address (case-insensitive); the number deleted. */
    public int deleteByAddress(UUID tenantId, String address) {
        return update(
                "DELETE FROM email_messages m WHERE m.tenant_id = ? AND (lower(m.from_email) = lower(?)"
                        + " OR EXISTS (SELECT 1 FROM jsonb_array_elements(m.to_emails || m.cc_emails) t"
                        + " WHERE lower(t->>'address') = lower(?)))",
                List.of(tenantId, address, address));
    }

    private int update(String sql, List<Object> params) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new RepositoryException(e);
        }
    }
}
