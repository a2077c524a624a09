package io.penguinmails.campaign.repository;

import io.penguinmails.campaign.Domain;
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

/** The {@code domains} table; every query is scoped to one tenant. The private DKIM key is stored encrypted. */
@ApplicationScoped
public class DomainRepository {

    private static final String COLUMNS =
            "id, tenant_id, company_id, name, status, dkim_selector, dkim_public_key, created";

    private final DataSource dataSource;

    DomainRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores a new domain with its DKIM key pair.
     *
     * @throws ConflictException when the tenant already has that domain, or the company is unknown
     */
    public Domain insert(
            UUID tenantId, UUID companyId, String name, String selector, String publicKey, String privateKeyEncrypted) {
        String sql = "INSERT INTO domains (id, tenant_id, company_id, name, dkim_selector, dkim_public_key,"
                + " dkim_private_key_encrypted) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING " + COLUMNS;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, tenantId);
            insert.setObject(3, companyId);
            insert.setString(4, name);
            insert.setString(5, selector);
            insert.setString(6, publicKey);
            insert.setString(7, privateKeyEncrypted);
            return single(insert).orElseThrow();
        } catch (SQLException e) {
            if (ConflictException.isConflict(e)) {
                throw new ConflictException("the domain " + name + " already exists", e);
            }
            throw new DataAccessException("insert domain", e);
        }
    }

    /** The tenant's domain with that id. */
    public Optional<Domain> find(UUID tenantId, UUID id) {
        String sql = "SELECT " + COLUMNS + " FROM domains WHERE tenant_id = ? AND id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, tenantId);
            select.setObject(2, id);
            return single(select);
        } catch (SQLException e) {
            throw new DataAccessException("find domain", e);
        }
    }

    /** The tenant's domain with that name (lower-case). */
    public Optional<Domain> findByName(UUID tenantId, String name) {
        String sql = "SELECT " + COLUMNS + " FROM domains WHERE tenant_id = ? AND name = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, tenantId);
            select.setString(2, name);
            return single(select);
        } catch (SQLException e) {
            throw new DataAccessException("find domain by name", e);
        }
    }

    /** The tenant's domains by name. */
    public List<Domain> list(UUID tenantId) {
        String sql = "SELECT " + COLUMNS + " FROM domains WHERE tenant_id = ? ORDER BY name";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, tenantId);
            try (ResultSet rs = select.executeQuery()) {
                List<Domain> found = new ArrayList<>();
                while (rs.next()) {
                    found.add(read(rs));
                }
                return found;
            }
        } catch (SQLException e) {
            throw new DataAccessException("list domains", e);
        }
    }

    /** The encrypted DKIM private key of the tenant's domain (PKCS#8, base64, then encrypted). */
    public Optional<String> privateKeyEncrypted(UUID tenantId, String name) {
        String sql = "SELECT dkim_private_key_encrypted FROM domains WHERE tenant_id = ? AND name = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, tenantId);
            select.setString(2, name);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DataAccessException("read DKIM key", e);
        }
    }

    /**
     * The SMTP hosts of the live mailboxes sending from the domain (linked to it, or with an address at it), sorted;
     * the SPF record authorises each.
     */
    public List<String> smtpHosts(UUID tenantId, Domain domain) {
        String sql = "SELECT DISTINCT lower(smtp_host) FROM email_accounts WHERE tenant_id = ? AND deleted IS NULL"
                + " AND (domain_id = ? OR lower(split_part(email, '@', 2)) = ?) ORDER BY 1";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, tenantId);
            select.setObject(2, domain.id());
            select.setString(3, domain.name());
            try (ResultSet rs = select.executeQuery()) {
                List<String> hosts = new ArrayList<>();
                while (rs.next()) {
                    hosts.add(rs.getString(1));
                }
                return hosts;
            }
        } catch (SQLException e) {
            throw new DataAccessException("list SMTP hosts of domain", e);
        }
    }

    /** Deletes a domain, unlinking the mailboxes that referred to it; false when the tenant has no such domain. */
    public boolean delete(UUID tenantId, UUID id) {
        String sql =
                "WITH unlinked AS (UPDATE email_accounts SET domain_id = NULL WHERE tenant_id = ? AND domain_id = ?)"
                        + " DELETE FROM domains WHERE tenant_id = ? AND id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(sql)) {
            delete.setObject(1, tenantId);
            delete.setObject(2, id);
            delete.setObject(3, tenantId);
            delete.setObject(4, id);
            return delete.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new DataAccessException("delete domain", e);
        }
    }

    private static Optional<Domain> single(PreparedStatement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery()) {
            return rs.next() ? Optional.of(read(rs)) : Optional.empty();
        }
    }

    private static Domain read(ResultSet rs) throws SQLException {
        return new Domain(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getObject(3, UUID.class),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getObject(8, OffsetDateTime.class).toInstant());
    }
}
