package io.penguinmails.content.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Per-tenant zstd dictionaries, and the samples and counts the trainer needs. */
@ApplicationScoped
public class DictionaryRepository {

    private final DataSource dataSource;

    DictionaryRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The tenant's newest dictionary. */
    public Optional<StoredDictionary> latest(UUID tenantId) {
        return one(
                "SELECT id, tenant_id, version, dictionary, trained_on_messages FROM compression_dictionaries"
                        + " WHERE tenant_id = ? ORDER BY version DESC LIMIT 1",
                tenantId);
    }

    /** A dictionary by id, as far as the transaction's tenant scope lets it be seen. */
    public Optional<StoredDictionary> byId(long id) {
        return one(
                "SELECT id, tenant_id, version, dictionary, trained_on_messages FROM compression_dictionaries"
                        + " WHERE id = ?",
                id);
    }

    /**
     * Adds the tenant's next version; empty when another replica added that version first.
     *
     * @param version the version to add, one above the tenant's newest
     */
    public Optional<Long> insert(UUID tenantId, int version, byte[] dictionary, int samples, long trainedOn) {
        String sql = "INSERT INTO compression_dictionaries (tenant_id, version, dictionary, sample_count,"
                + " trained_on_messages) VALUES (?, ?, ?, ?, ?) ON CONFLICT (tenant_id, version) DO NOTHING RETURNING id";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, tenantId);
            ps.setInt(2, version);
            ps.setBytes(3, dictionary);
            ps.setInt(4, samples);
            ps.setLong(5, trainedOn);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new RepositoryException(e);
        }
    }

    /**
     * Tenants with at least {@code minMessages} stored messages whose newest dictionary (if any) was trained on at
     * least {@code retrainAfter} fewer messages than they now have. Reads every tenant: system work.
     */
    public List<UUID> tenantsDue(int minMessages, int retrainAfter) {
        String sql = "SELECT s.tenant_id FROM (SELECT tenant_id, sum(messages) AS messages FROM storage_daily"
                + " GROUP BY tenant_id) s LEFT JOIN LATERAL (SELECT trained_on_messages FROM compression_dictionaries d"
                + " WHERE d.tenant_id = s.tenant_id ORDER BY version DESC LIMIT 1) d ON true"
                + " WHERE s.messages >= ? AND (d.trained_on_messages IS NULL OR s.messages - d.trained_on_messages >= ?)";
        List<UUID> result = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, minMessages);
            ps.setInt(2, retrainAfter);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(rs.getObject(1, UUID.class));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new RepositoryException(e);
        }
    }

    /** The tenant's stored message count, from the per-day counters. */
    public long messageCount(UUID tenantId) {
        String sql = "SELECT coalesce(sum(messages), 0) FROM storage_daily WHERE tenant_id = ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new RepositoryException(e);
        }
    }

    /** The stored content of the tenant's newest messages, the trainer's samples. */
    public List<EncodedContent> recentContent(UUID tenantId, int limit) {
        String sql = "SELECT " + EncodedContent.COLUMNS + " FROM email_content c" + EncodedContent.SHARED
                + " WHERE c.tenant_id = ? ORDER BY c.created DESC LIMIT ?";
        List<EncodedContent> result = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, tenantId);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(EncodedContent.read(rs, 1));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new RepositoryException(e);
        }
    }

    private Optional<StoredDictionary> one(String sql, Object parameter) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredDictionary(
                        rs.getLong(1), rs.getObject(2, UUID.class), rs.getInt(3), rs.getBytes(4), rs.getLong(5)));
            }
        } catch (SQLException e) {
            throw new RepositoryException(e);
        }
    }

    /** A trained dictionary as stored. */
    public record StoredDictionary(long id, UUID tenantId, int version, byte[] bytes, long trainedOnMessages) {}
}
