package io.penguinmails.campaign.repository;

import io.penguinmails.campaign.Suppression;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The {@code suppressions} table: addresses no campaign of the tenant may mail. Addresses are stored and compared
 * lower-cased.
 */
@ApplicationScoped
public class SuppressionRepository {

    private final DataSource dataSource;

    SuppressionRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Whether the tenant must not mail this address. */
    public boolean isSuppressed(UUID tenantId, String email) {
        String sql = "SELECT 1 FROM suppressions WHERE tenant_id = ? AND email = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, tenantId);
            select.setString(2, normalise(email));
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new DataAccessException("check suppression", e);
        }
    }

    /**
     * Suppresses an address; idempotent. A repeated call keeps the first reason and source, so a later manual block
     * does not hide that the lead had unsubscribed.
     *
     * @param reason unsubscribed, hard_bounce, complaint or manual
     * @param source where it came from (e.g. a campaign id or "api"), may be null
     */
    public void suppress(UUID tenantId, String email, String reason, String source) {
        String sql = "INSERT INTO suppressions (tenant_id, email, reason, source) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (tenant_id, email) DO NOTHING";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setObject(1, tenantId);
            insert.setString(2, normalise(email));
            insert.setString(3, reason);
            insert.setString(4, source);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("suppress address", e);
        }
    }

    /** A page of the tenant's suppressions, newest first. */
    public List<Suppression> list(UUID tenantId, int limit, int offset) {
        String sql = "SELECT email, reason, source, created FROM suppressions WHERE tenant_id = ?"
                + " ORDER BY created DESC, email LIMIT ? OFFSET ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, tenantId);
            select.setInt(2, limit);
            select.setInt(3, offset);
            try (ResultSet rs = select.executeQuery()) {
                List<Suppression> found = new ArrayList<>();
                while (rs.next()) {
                    found.add(new Suppression(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getObject(4, OffsetDateTime.class).toInstant()));
                }
                return found;
            }
        } catch (SQLException e) {
            throw new DataAccessException("list suppressions", e);
        }
    }

    /** Lifts a suppression; false when the address was not suppressed. */
    public boolean delete(UUID tenantId, String email) {
        String sql = "DELETE FROM suppressions WHERE tenant_id = ? AND email = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(sql)) {
            delete.setObject(1, tenantId);
            delete.setString(2, normalise(email));
            return delete.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new DataAccessException("delete suppression", e);
        }
    }

    private static String normalise(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
