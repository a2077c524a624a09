package io.penguinmails.campaign.repository;

import io.penguinmails.campaign.EngagementSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** What the engagement loop reads and changes on {@code campaigns}: its shield settings, recent sends and pausing. */
@ApplicationScoped
public class CampaignShieldRepository {

    private final DataSource dataSource;

    CampaignShieldRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A campaign's engagement settings. */
    public record Settings(String name, String status, BigDecimal bounceShieldThreshold, int oooPauseDays) {

        /** The campaign's own engagement rules. */
        public EngagementSettings engagement() {
            return new EngagementSettings(bounceShieldThreshold, oooPauseDays);
        }
    }

    /** How many of a campaign's most recent sends there are, and how many of those hard-bounced. */
    public record RecentSends(int sends, int hardBounces) {}

    /** The settings of a campaign of the tenant. */
    public Optional<Settings> settings(UUID tenantId, UUID campaignId) {
        String sql = "SELECT name, status, bounce_shield_threshold, ooo_pause_days FROM campaigns"
                + " WHERE id = ? AND tenant_id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, campaignId);
            select.setObject(2, tenantId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Settings(rs.getString(1), rs.getString(2), rs.getBigDecimal(3), rs.getInt(4)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DataAccessException("read campaign settings", e);
        }
    }

    /** Stores a campaign's engagement rules. */
    public void saveSettings(UUID tenantId, UUID campaignId, EngagementSettings settings) {
        String sql = "UPDATE campaigns SET bounce_shield_threshold = ?, ooo_pause_days = ?, updated = now()"
                + " WHERE id = ? AND tenant_id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            update.setBigDecimal(1, settings.bounceShieldThreshold());
            update.setInt(2, settings.oooPauseDays());
            update.setObject(3, campaignId);
            update.setObject(4, tenantId);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("save campaign engagement settings", e);
        }
    }

    /** The campaign's last {@code window} sent emails and how many of them hard-bounced. */
    public RecentSends recentSends(UUID tenantId, UUID campaignId, int window) {
        String sql = "SELECT count(*), count(*) FILTER (WHERE EXISTS (SELECT 1 FROM bounces b"
                + " WHERE b.tenant_id = s.tenant_id AND b.campaign_id = s.campaign_id AND b.message_id = s.message_id"
                + " AND b.hard)) FROM (SELECT tenant_id, campaign_id, message_id FROM inbox_message_refs"
                + " WHERE tenant_id = ? AND campaign_id = ? AND direction = 'outbound'"
                + " ORDER BY occurred_at DESC LIMIT ?) s";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, tenantId);
            select.setObject(2, campaignId);
            select.setInt(3, window);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return new RecentSends(rs.getInt(1), rs.getInt(2));
            }
        } catch (SQLException e) {
            throw new DataAccessException("count recent sends", e);
        }
    }

    /**
     * Pauses a sending campaign with the reason.
     *
     * @return {@code false} when it was not sending (already paused, completed, ...), so nothing was changed
     */
    public boolean pause(UUID tenantId, UUID campaignId, String reason) {
        String sql = "UPDATE campaigns SET status = 'paused', paused_reason = ?, updated = now()"
                + " WHERE id = ? AND tenant_id = ? AND status = 'sending'";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, reason);
            update.setObject(2, campaignId);
            update.setObject(3, tenantId);
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new DataAccessException("pause campaign", e);
        }
    }
}
