package io.penguinmails.campaign.repository;

import io.penguinmails.campaign.Campaign;
import io.penguinmails.campaign.CampaignStep;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/** The {@code campaigns}, {@code campaign_mailboxes} and {@code campaign_sequence_steps} tables; every read is tenant-scoped. */
@ApplicationScoped
public class CampaignRepository {

    private static final String COLUMNS =
            "id, tenant_id, name, status, timezone, window_days, window_start, window_end,"
                    + " min_spacing_seconds, max_spacing_seconds, track_opens, track_clicks, scheduled_at, started_at,"
                    + " completed_at, created";

    private final DataSource dataSource;

    CampaignRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores a new campaign in draft with its mailboxes. */
    public void insert(Campaign campaign, List<UUID> mailboxIds) {
        String sql =
                "INSERT INTO campaigns (id, tenant_id, name, status, timezone, window_days, window_start, window_end,"
                        + " min_spacing_seconds, max_spacing_seconds, track_opens, track_clicks)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setObject(1, campaign.id());
            insert.setObject(2, campaign.tenantId());
            insert.setString(3, campaign.name());
            insert.setString(4, campaign.status());
            insert.setString(5, campaign.timezone());
            insert.setArray(
                    6, connection.createArrayOf("integer", campaign.windowDays().toArray()));
            insert.setObject(7, campaign.windowStart());
            insert.setObject(8, campaign.windowEnd());
            insert.setInt(9, campaign.minSpacingSeconds());
            insert.setInt(10, campaign.maxSpacingSeconds());
            insert.setBoolean(11, campaign.trackOpens());
            insert.setBoolean(12, campaign.trackClicks());
            insert.executeUpdate();
            insertMailboxes(connection, campaign.tenantId(), campaign.id(), mailboxIds);
        } catch (SQLException e) {
            throw new DataAccessException("insert campaign", e);
        }
    }

    /** The tenant's campaign. */
    public Optional<Campaign> find(UUID tenantId, UUID id) {
        return findOne("SELECT " + COLUMNS + " FROM campaigns WHERE tenant_id = ? AND id = ?", tenantId, id);
    }

    /** The tenant's campaign, locked until the transaction ends, so steps and state change one writer at a time. */
    public Optional<Campaign> lock(UUID tenantId, UUID id) {
        return findOne("SELECT " + COLUMNS + " FROM campaigns WHERE tenant_id = ? AND id = ? FOR UPDATE", tenantId, id);
    }

    /** The tenant's campaigns, newest first. */
    public List<Campaign> list(UUID tenantId, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM campaigns WHERE tenant_id = ? ORDER BY created DESC, id LIMIT ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, tenantId);
            select.setInt(2, limit);
            try (ResultSet rs = select.executeQuery()) {
                List<Campaign> campaigns = new ArrayList<>();
                while (rs.next()) {
                    campaigns.add(read(rs));
                }
                return campaigns;
            }
        } catch (SQLException e) {
            throw new DataAccessException("list campaigns", e);
        }
    }

    /** Sets the status and the matching timestamp column (scheduled_at, started_at or completed_at) when given. */
    public void updateStatus(UUID id, String status, String timestampColumn, Instant at) {
        String set = timestampColumn == null ? "" : ", " + timestampColumn + " = coalesce(" + timestampColumn + ", ?)";
        String sql = "UPDATE campaigns SET status = ?, updated = now()" + set + " WHERE id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            int i = 1;
            update.setString(i++, status);
            if (timestampColumn != null) {
                update.setObject(i++, at.atOffset(ZoneOffset.UTC));
            }
            update.setObject(i, id);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("update campaign status", e);
        }
    }

    /** The mailbox ids a campaign rotates across. */
    public List<UUID> mailboxIds(UUID campaignId) {
        String sql = "SELECT email_account_id FROM campaign_mailboxes WHERE campaign_id = ? ORDER BY email_account_id";
        return uuids(sql, campaignId);
    }

    /** The steps of a campaign in order. */
    public List<CampaignStep> steps(UUID campaignId) {
        String sql = "SELECT id, step_order, step_type, template_id, subject_override, from_name_override,"
                + " wait_duration_minutes, wait_until_date, condition_type, executed_count"
                + " FROM campaign_sequence_steps WHERE campaign_id = ? ORDER BY step_order";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, campaignId);
            try (ResultSet rs = select.executeQuery()) {
                List<CampaignStep> steps = new ArrayList<>();
                while (rs.next()) {
                    steps.add(readStep(rs));
                }
                return steps;
            }
        } catch (SQLException e) {
            throw new DataAccessException("read campaign steps", e);
        }
    }

    /** Removes the steps after {@code keep} and adds the given ones (their orders must follow {@code keep}). */
    public void replaceStepsAfter(UUID tenantId, UUID campaignId, int keep, List<CampaignStep> added) {
        String delete = "DELETE FROM campaign_sequence_steps WHERE campaign_id = ? AND step_order > ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement remove = connection.prepareStatement(delete)) {
            remove.setObject(1, campaignId);
            remove.setInt(2, keep);
            remove.executeUpdate();
            insertSteps(connection, tenantId, campaignId, added);
        } catch (SQLException e) {
            throw new DataAccessException("replace campaign steps", e);
        }
    }

    /** The highest step any enrollment of the campaign has reached (0 when none has). */
    public int reachedStep(UUID campaignId) {
        String sql = "SELECT coalesce(max(current_step_order), 0) FROM campaign_enrollments WHERE campaign_id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, campaignId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new DataAccessException("read reached step", e);
        }
    }

    /** Enrollment counts by status, for the campaigns given. */
    public Map<UUID, Map<String, Long>> enrollmentCounts(Collection<UUID> campaignIds) {
        String sql = "SELECT campaign_id, status, count(*) FROM campaign_enrollments WHERE campaign_id = ANY (?)"
                + " GROUP BY campaign_id, status";
        Map<UUID, Map<String, Long>> counts = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setArray(1, connection.createArrayOf("uuid", campaignIds.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    counts.computeIfAbsent(rs.getObject(1, UUID.class), k -> new LinkedHashMap<>())
                            .put(rs.getString(2), rs.getLong(3));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new DataAccessException("count enrollments", e);
        }
    }

    /** Which of the ids are usable mailboxes of the tenant (not deleted). */
    public Set<UUID> existingMailboxes(UUID tenantId, Collection<UUID> ids) {
        String sql = "SELECT id FROM email_accounts WHERE tenant_id = ? AND id = ANY (?) AND deleted IS NULL";
        return Set.copyOf(uuidsOf(sql, tenantId, ids));
    }

    /** Which of the ids are active templates of the tenant. */
    public Set<UUID> existingTemplates(UUID tenantId, Collection<UUID> ids) {
        String sql = "SELECT id FROM templates WHERE tenant_id = ? AND id = ANY (?) AND is_active";
        return Set.copyOf(uuidsOf(sql, tenantId, ids));
    }

    /**
     * Moves every scheduled campaign whose start time has come to sending; returns the ids with their tenants, for
     * the audit log.
     */
    public Map<UUID, UUID> promoteScheduled(Instant now) {
        String sql = "UPDATE campaigns SET status = 'sending', started_at = coalesce(started_at, ?), updated = now()"
                + " WHERE status = 'scheduled' AND coalesce(scheduled_at, ?) <= ? RETURNING id, tenant_id";
        return idsAndTenants(sql, now, 3);
    }

    /** Completes every sending campaign that has no active enrollment left; returns the ids with their tenants. */
    public Map<UUID, UUID> completeFinished(Instant now) {
        String sql = "UPDATE campaigns c SET status = 'completed', completed_at = ?, updated = now()"
                + " WHERE c.status = 'sending' AND NOT EXISTS ("
                + " SELECT 1 FROM campaign_enrollments e WHERE e.campaign_id = c.id AND e.status = 'active')"
                + " RETURNING id, tenant_id";
        return idsAndTenants(sql, now, 1);
    }

    /** Runs a state update whose every parameter is {@code now}. */
    private Map<UUID, UUID> idsAndTenants(String sql, Instant now, int parameters) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            for (int i = 1; i <= parameters; i++) {
                update.setObject(i, at);
            }
            try (ResultSet rs = update.executeQuery()) {
                Map<UUID, UUID> ids = new LinkedHashMap<>();
                while (rs.next()) {
                    ids.put(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class));
                }
                return ids;
            }
        } catch (SQLException e) {
            throw new DataAccessException("update campaign states", e);
        }
    }

    /** Stores steps of a campaign. */
    public void insertSteps(UUID tenantId, UUID campaignId, List<CampaignStep> steps) {
        try (Connection connection = dataSource.getConnection()) {
            insertSteps(connection, tenantId, campaignId, steps);
        } catch (SQLException e) {
            throw new DataAccessException("insert campaign steps", e);
        }
    }

    private static void insertSteps(Connection connection, UUID tenantId, UUID campaignId, List<CampaignStep> steps)
            throws SQLException {
        String sql = "INSERT INTO campaign_sequence_steps (id, tenant_id, campaign_id, step_order, step_type,"
                + " template_id, subject_override, from_name_override, wait_duration_minutes, wait_until_date,"
                + " condition_type) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (CampaignStep step : steps) {
                insert.setObject(1, step.id());
                insert.setObject(2, tenantId);
                insert.setObject(3, campaignId);
                insert.setInt(4, step.stepOrder());
                insert.setString(5, step.stepType());
                insert.setObject(6, step.templateId());
                insert.setString(7, step.subjectOverride());
                insert.setString(8, step.fromNameOverride());
                insert.setObject(9, step.waitMinutes(), Types.INTEGER);
                insert.setObject(
                        10, step.waitUntil() == null ? null : step.waitUntil().atOffset(ZoneOffset.UTC));
                insert.setString(11, step.conditionType());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void insertMailboxes(Connection connection, UUID tenantId, UUID campaignId, List<UUID> ids)
            throws SQLException {
        String sql = "INSERT INTO campaign_mailboxes (tenant_id, campaign_id, email_account_id) VALUES (?, ?, ?)";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (UUID id : ids) {
                insert.setObject(1, tenantId);
                insert.setObject(2, campaignId);
                insert.setObject(3, id);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private Optional<Campaign> findOne(String sql, UUID tenantId, UUID id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, tenantId);
            select.setObject(2, id);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DataAccessException("find campaign", e);
        }
    }

    private List<UUID> uuids(String sql, UUID param) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, param);
            return readUuids(select);
        } catch (SQLException e) {
            throw new DataAccessException("read ids", e);
        }
    }

    private List<UUID> uuidsOf(String sql, UUID tenantId, Collection<UUID> ids) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, tenantId);
            select.setArray(2, connection.createArrayOf("uuid", ids.toArray()));
            return readUuids(select);
        } catch (SQLException e) {
            throw new DataAccessException("read ids", e);
        }
    }

    private static List<UUID> readUuids(PreparedStatement select) throws SQLException {
        try (ResultSet rs = select.executeQuery()) {
            List<UUID> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getObject(1, UUID.class));
            }
            return ids;
        }
    }

    /** Reads a campaign from a row of {@link #COLUMNS}. */
    static Campaign read(ResultSet rs) throws SQLException {
        Array days = rs.getArray(6);
        List<Integer> windowDays = Arrays.stream((Integer[]) days.getArray()).toList();
        return new Campaign(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                windowDays,
                rs.getObject(7, LocalTime.class),
                rs.getObject(8, LocalTime.class),
                rs.getInt(9),
                rs.getInt(10),
                rs.getBoolean(11),
                rs.getBoolean(12),
                instant(rs, 13),
                instant(rs, 14),
                instant(rs, 15),
                instant(rs, 16));
    }

    static CampaignStep readStep(ResultSet rs) throws SQLException {
        return new CampaignStep(
                rs.getObject(1, UUID.class),
                rs.getInt(2),
                rs.getString(3),
                rs.getObject(4, UUID.class),
                rs.getString(5),
                rs.getString(6),
                rs.getObject(7, Integer.class),
                instant(rs, 8),
                rs.getString(9),
                rs.getLong(10));
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
