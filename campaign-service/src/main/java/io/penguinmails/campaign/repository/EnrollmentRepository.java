package io.penguinmails.campaign.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Adds leads to campaigns ({@code campaign_enrollments}); suppressed addresses are left out. */
@ApplicationScoped
public class EnrollmentRepository {

    private static final String SUPPRESSED =
            "EXISTS (SELECT 1 FROM suppressions s WHERE s.tenant_id = l.tenant_id AND s.email = lower(l.email))";

    // A value is present when it holds a non-space character, as TemplateRenderer treats blank values as missing.
    private static final String HAS_TEXT = " ~ '[^[:space:]]'";
    private static final String MISSING_VALUES = "SELECT l.id, l.email, array_agg(v.name ORDER BY v.ord) FROM leads l"
            + " CROSS JOIN unnest(?::text[]) WITH ORDINALITY AS v(name, ord)"
            + " WHERE l.tenant_id = ? AND l.id = ANY (?) AND NOT " + SUPPRESSED
            + " AND NOT EXISTS (SELECT 1 FROM campaign_enrollments e WHERE e.campaign_id = ? AND e.lead_id = l.id)"
            + " AND NOT COALESCE((CASE v.name WHEN 'email' THEN l.email WHEN 'first_name' THEN l.first_name"
            + " WHEN 'last_name' THEN l.last_name WHEN 'company' THEN l.company WHEN 'position' THEN l.position"
            + " WHEN 'timezone' THEN l.timezone END)" + HAS_TEXT + ", FALSE)"
            + " AND NOT EXISTS (SELECT 1 FROM jsonb_each_text(l.custom_fields) f WHERE lower(f.key) = v.name"
            + " AND f.value" + HAS_TEXT + ")"
            + " GROUP BY l.id, l.email ORDER BY l.email";

    private final DataSource dataSource;

    EnrollmentRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The id of the tenant's lead list with that name. */
    public Optional<UUID> listId(UUID tenantId, String name) {
        String sql = "SELECT id FROM lead_lists WHERE tenant_id = ? AND name = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, tenantId);
            select.setString(2, name);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DataAccessException("find lead list", e);
        }
    }

    /** Which of the ids are leads of the tenant. */
    public List<UUID> existingLeads(UUID tenantId, Collection<UUID> ids) {
        String sql = "SELECT id FROM leads WHERE tenant_id = ? AND id = ANY (?)";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, tenantId);
            select.setArray(2, connection.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                List<UUID> found = new ArrayList<>();
                while (rs.next()) {
                    found.add(rs.getObject(1, UUID.class));
                }
                return found;
            }
        } catch (SQLException e) {
            throw new DataAccessException("find leads", e);
        }
    }

    /** The lead ids of a list. */
    public List<UUID> members(UUID tenantId, UUID listId) {
        String sql = "SELECT lead_id FROM lead_list_members WHERE tenant_id = ? AND list_id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, tenantId);
            select.setObject(2, listId);
            try (ResultSet rs = select.executeQuery()) {
                List<UUID> ids = new ArrayList<>();
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
                return ids;
            }
        } catch (SQLException e) {
            throw new DataAccessException("read list members", e);
        }
    }

    /** The addresses among the leads that are suppressed. */
    public List<String> suppressedEmails(UUID tenantId, Collection<UUID> leadIds) {
        String sql = "SELECT l.email FROM leads l WHERE l.tenant_id = ? AND l.id = ANY (?) AND " + SUPPRESSED
                + " ORDER BY l.email";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, tenantId);
            select.setArray(2, connection.createArrayOf("uuid", leadIds.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                List<String> emails = new ArrayList<>();
                while (rs.next()) {
                    emails.add(rs.getString(1));
                }
                return emails;
            }
        } catch (SQLException e) {
            throw new DataAccessException("read suppressed leads", e);
        }
    }

    /**
     * The leads, among those not suppressed and not enrolled in the campaign yet, that have no value (missing or blank)
     * for some of the variables, in e-mail order. A known lead field is read from its column, falling back to a custom
     * field of the same name, as the engine's renderer does.
     */
    public List<MissingValues> missingValues(
            UUID tenantId, UUID campaignId, Collection<UUID> leadIds, Collection<String> variables) {
        if (variables.isEmpty() || leadIds.isEmpty()) {
            return List.of();
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(MISSING_VALUES)) {
            select.setArray(1, connection.createArrayOf("text", variables.toArray()));
            select.setObject(2, tenantId);
            select.setArray(3, connection.createArrayOf("uuid", leadIds.toArray()));
            select.setObject(4, campaignId);
            try (ResultSet rs = select.executeQuery()) {
                List<MissingValues> missing = new ArrayList<>();
                while (rs.next()) {
                    missing.add(new MissingValues(rs.getObject(1, UUID.class), rs.getString(2), List.of((String[])
                            rs.getArray(3).getArray())));
                }
                return missing;
            }
        } catch (SQLException e) {
            throw new DataAccessException("find leads missing template values", e);
        }
    }

    /**
     * Enrolls the leads that are not suppressed and not enrolled yet, due at {@code now}; returns how many were added.
     */
    public int enroll(UUID tenantId, UUID campaignId, Collection<UUID> leadIds, Instant now) {
        String sql = "INSERT INTO campaign_enrollments (id, tenant_id, campaign_id, lead_id, next_run_at)"
                + " SELECT gen_random_uuid(), l.tenant_id, ?, l.id, ? FROM leads l"
                + " WHERE l.tenant_id = ? AND l.id = ANY (?) AND NOT " + SUPPRESSED
                + " ON CONFLICT (campaign_id, lead_id) DO NOTHING";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setObject(1, campaignId);
            insert.setObject(2, now.atOffset(ZoneOffset.UTC));
            insert.setObject(3, tenantId);
            insert.setArray(4, connection.createArrayOf("uuid", leadIds.toArray()));
            return insert.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("enroll leads", e);
        }
    }

    /** A lead that cannot be enrolled because it has no value for variables its campaign's emails use without fallback. */
    public record MissingValues(UUID leadId, String email, List<String> variables) {}
}
