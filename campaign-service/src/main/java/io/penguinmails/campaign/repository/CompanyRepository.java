package io.penguinmails.campaign.repository;

import io.penguinmails.campaign.Company;
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

/** The {@code companies} table; every query is scoped to one tenant. */
@ApplicationScoped
public class CompanyRepository {

    private static final String COLUMNS = "id, tenant_id, name, domain, industry, size, created, updated";

    private final DataSource dataSource;

    CompanyRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores a new company. */
    public Company insert(UUID tenantId, String name, String domain, String industry, String size) {
        String sql = "INSERT INTO companies (id, tenant_id, name, domain, industry, size) VALUES (?, ?, ?, ?, ?, ?)"
                + " RETURNING " + COLUMNS;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, tenantId);
            setFields(insert, 3, name, domain, industry, size);
            return single(insert).orElseThrow();
        } catch (SQLException e) {
            throw new DataAccessException("insert company", e);
        }
    }

    /** The tenant's company with that id. */
    public Optional<Company> find(UUID tenantId, UUID id) {
        String sql = "SELECT " + COLUMNS + " FROM companies WHERE tenant_id = ? AND id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, tenantId);
            select.setObject(2, id);
            return single(select);
        } catch (SQLException e) {
            throw new DataAccessException("find company", e);
        }
    }

    /** The tenant's companies by name. */
    public List<Company> list(UUID tenantId) {
        String sql = "SELECT " + COLUMNS + " FROM companies WHERE tenant_id = ? ORDER BY name, id";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, tenantId);
            try (ResultSet rs = select.executeQuery()) {
                List<Company> found = new ArrayList<>();
                while (rs.next()) {
                    found.add(read(rs));
                }
                return found;
            }
        } catch (SQLException e) {
            throw new DataAccessException("list companies", e);
        }
    }

    /** Replaces a company's fields; empty when the tenant has no such company. */
    public Optional<Company> update(UUID tenantId, UUID id, String name, String domain, String industry, String size) {
        String sql = "UPDATE companies SET name = ?, domain = ?, industry = ?, size = ?, updated = now()"
                + " WHERE tenant_id = ? AND id = ? RETURNING " + COLUMNS;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            setFields(update, 1, name, domain, industry, size);
            update.setObject(5, tenantId);
            update.setObject(6, id);
            return single(update);
        } catch (SQLException e) {
            throw new DataAccessException("update company", e);
        }
    }

    /**
     * Deletes a company; false when the tenant has no such company.
     *
     * @throws ConflictException when domains, mailboxes or campaigns still belong to it
     */
    public boolean delete(UUID tenantId, UUID id) {
        String sql = "DELETE FROM companies WHERE tenant_id = ? AND id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(sql)) {
            delete.setObject(1, tenantId);
            delete.setObject(2, id);
            return delete.executeUpdate() > 0;
        } catch (SQLException e) {
            if (ConflictException.isConflict(e)) {
                throw new ConflictException("the company still has domains, mailboxes or campaigns", e);
            }
            throw new DataAccessException("delete company", e);
        }
    }

    private static void setFields(
            PreparedStatement statement, int first, String name, String domain, String industry, String size)
            throws SQLException {
        statement.setString(first, name);
        statement.setString(first + 1, domain);
        statement.setString(first + 2, industry);
        statement.setString(first + 3, size);
    }

    private static Optional<Company> single(PreparedStatement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery()) {
            return rs.next() ? Optional.of(read(rs)) : Optional.empty();
        }
    }

    private static Company read(ResultSet rs) throws SQLException {
        return new Company(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getObject(7, OffsetDateTime.class).toInstant(),
                rs.getObject(8, OffsetDateTime.class).toInstant());
    }
}
