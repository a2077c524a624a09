package io.penguinmails.campaign.repository;

import io.penguinmails.campaign.Lead;
import io.penguinmails.campaign.LeadList;
import io.penguinmails.campaign.service.lead.LeadRow;
import io.penguinmails.campaign.service.template.LeadVariables;
import io.penguinmails.contracts.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The {@code leads}, {@code lead_lists} and {@code lead_list_members} tables; every query is scoped to one tenant.
 * Leads are unique per tenant by lower-cased address.
 */
@ApplicationScoped
public class LeadRepository {

    private static final String COLUMNS =
            "l.id, l.tenant_id, l.email, l.first_name, l.last_name, l.company, l.position, l.timezone,"
                    + " l.custom_fields::text, l.created, l.updated";

    // An existing lead keeps the values it has: the import only fills its blank fields and adds custom keys it lacks.
    private static final String UPSERT = "INSERT INTO leads (id, tenant_id, email, first_name, last_name, company,"
            + " position, timezone, custom_fields)"
            + " SELECT u.id, ?, u.email, u.first_name, u.last_name, u.company, u.position, u.timezone, u.custom::jsonb"
            + " FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
            + " AS u(id, email, first_name, last_name, company, position, timezone, custom)"
            + " ON CONFLICT (tenant_id, email) DO UPDATE SET"
            + " first_name = COALESCE(leads.first_name, EXCLUDED.first_name),"
            + " last_name = COALESCE(leads.last_name, EXCLUDED.last_name),"
            + " company = COALESCE(leads.company, EXCLUDED.company),"
            + " position = COALESCE(leads.position, EXCLUDED.position),"
            + " timezone = COALESCE(leads.timezone, EXCLUDED.timezone),"
            + " custom_fields = EXCLUDED.custom_fields || leads.custom_fields, updated = now()"
            + " RETURNING id, (xmax = 0)";

    private final DataSource dataSource;

    LeadRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The id of the tenant's list with that name, created when missing. */
    public UUID ensureList(UUID tenantId, String name) {
        String sql = "INSERT INTO lead_lists (id, tenant_id, name) VALUES (?, ?, ?)"
                + " ON CONFLICT (tenant_id, name) DO UPDATE SET name = EXCLUDED.name RETURNING id";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, tenantId);
            insert.setString(3, name);
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        } catch (SQLException e) {
            throw new DataAccessException("ensure lead list", e);
        }
    }

    /** The id of the tenant's list with that name. */
    public Optional<UUID> findList(UUID tenantId, String name) {
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

    /** The tenant's lists by name, each with its number of leads. */
    public List<LeadList> lists(UUID tenantId) {
        String sql = "SELECT ll.id, ll.name, (SELECT count(*) FROM lead_list_members m WHERE m.list_id = ll.id),"
                + " ll.created FROM lead_lists ll WHERE ll.tenant_id = ? ORDER BY ll.name";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, tenantId);
            try (ResultSet rs = select.executeQuery()) {
                List<LeadList> found = new ArrayList<>();
                while (rs.next()) {
                    found.add(new LeadList(
                            rs.getObject(1, UUID.class),
                            rs.getString(2),
                            rs.getLong(3),
                            rs.getObject(4, OffsetDateTime.class).toInstant()));
                }
                return found;
            }
        } catch (SQLException e) {
            throw new DataAccessException("list lead lists", e);
        }
    }

    /**
     * Stores a batch of rows (no address twice) and adds them all to the list; existing leads are not duplicated.
     *
     * @return how many of the rows were new leads; the others already existed
     */
    public int upsertIntoList(UUID tenantId, UUID listId, List<LeadRow> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        try (Connection connection = dataSource.getConnection()) {
            List<UUID> ids = new ArrayList<>(rows.size());
            int inserted = upsert(connection, tenantId, rows, ids);
            addMembers(connection, tenantId, listId, ids);
            return inserted;
        } catch (SQLException e) {
            throw new DataAccessException("import leads", e);
        }
    }

    /** The tenant's lead with that id. */
    public Optional<Lead> find(UUID tenantId, UUID id) {
        String sql = "SELECT " + COLUMNS + " FROM leads l WHERE l.tenant_id = ? AND l.id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, tenantId);
            select.setObject(2, id);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DataAccessException("find lead", e);
        }
    }

    /**
     * A page of the tenant's leads in id order, after {@code after} (keyset pagination), of one list when {@code
     * listId} is given.
     */
    public List<Lead> page(UUID tenantId, UUID listId, UUID after, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM leads l WHERE l.tenant_id = ?"
                + (listId == null
                        ? ""
                        : " AND EXISTS (SELECT 1 FROM lead_list_members m"
                                + " WHERE m.list_id = ? AND m.lead_id = l.id)")
                + (after == null ? "" : " AND l.id > ?")
                + " ORDER BY l.id LIMIT ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            int i = 1;
            select.setObject(i++, tenantId);
            if (listId != null) {
                select.setObject(i++, listId);
            }
            if (after != null) {
                select.setObject(i++, after);
            }
            select.setInt(i, limit);
            try (ResultSet rs = select.executeQuery()) {
                List<Lead> found = new ArrayList<>();
                while (rs.next()) {
                    found.add(read(rs));
                }
                return found;
            }
        } catch (SQLException e) {
            throw new DataAccessException("list leads", e);
        }
    }

    /**
     * Deletes a lead and its list memberships; false when the tenant has no such lead.
     *
     * @throws ConflictException when a campaign has enrolled it
     */
    public boolean delete(UUID tenantId, UUID id) {
        String sql = "DELETE FROM leads WHERE tenant_id = ? AND id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(sql)) {
            delete.setObject(1, tenantId);
            delete.setObject(2, id);
            return delete.executeUpdate() > 0;
        } catch (SQLException e) {
            if (ConflictException.isConflict(e)) {
                throw new ConflictException("the lead is enrolled in a campaign", e);
            }
            throw new DataAccessException("delete lead", e);
        }
    }

    /** Whether any lead of the tenant has that custom field key (keys are stored lower-cased). */
    public boolean hasCustomField(UUID tenantId, String key) {
        String sql = "SELECT 1 FROM leads WHERE tenant_id = ? AND custom_fields ?? ? LIMIT 1";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, tenantId);
            select.setString(2, key);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new DataAccessException("look up custom field", e);
        }
    }

    private static int upsert(Connection connection, UUID tenantId, List<LeadRow> rows, List<UUID> ids)
            throws SQLException {
        int n = rows.size();
        UUID[] newIds = new UUID[n];
        String[][] columns = new String[7][n];
        for (int i = 0; i < n; i++) {
            LeadRow row = rows.get(i);
            newIds[i] = UUID.randomUUID();
            columns[0][i] = row.email();
            columns[1][i] = row.firstName();
            columns[2][i] = row.lastName();
            columns[3][i] = row.company();
            columns[4][i] = row.position();
            columns[5][i] = row.timezone();
            columns[6][i] = EventJson.write(row.customFields());
        }
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            upsert.setObject(1, tenantId);
            upsert.setArray(2, connection.createArrayOf("uuid", newIds));
            for (int c = 0; c < columns.length; c++) {
                upsert.setArray(3 + c, connection.createArrayOf("text", columns[c]));
            }
            int inserted = 0;
            try (ResultSet rs = upsert.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                    inserted += rs.getBoolean(2) ? 1 : 0;
                }
            }
            return inserted;
        }
    }

    private static void addMembers(Connection connection, UUID tenantId, UUID listId, List<UUID> ids)
            throws SQLException {
        String sql = "INSERT INTO lead_list_members (tenant_id, list_id, lead_id) SELECT ?, ?, unnest(?::uuid[])"
                + " ON CONFLICT DO NOTHING";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setObject(1, tenantId);
            insert.setObject(2, listId);
            insert.setArray(3, connection.createArrayOf("uuid", ids.toArray()));
            insert.executeUpdate();
        }
    }

    private static Lead read(ResultSet rs) throws SQLException {
        return new Lead(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                LeadVariables.customFields(rs.getString(9)),
                rs.getObject(10, OffsetDateTime.class).toInstant(),
                rs.getObject(11, OffsetDateTime.class).toInstant());
    }
}
