package io.penguinmails.campaign.repository;

import io.penguinmails.campaign.Tenant;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** The {@code tenants} table. */
@ApplicationScoped
public class TenantRepository {

    private final DataSource dataSource;

    TenantRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores a new tenant. */
    public Tenant insert(UUID id, String name) {
        String sql = "INSERT INTO tenants (id, name) VALUES (?, ?) RETURNING created";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setObject(1, id);
            insert.setString(2, name);
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return new Tenant(
                        id, name, rs.getObject(1, OffsetDateTime.class).toInstant());
            }
        } catch (SQLException e) {
            throw new DataAccessException("insert tenant", e);
        }
    }

    /** The tenant with that id unless it does not exist or was deleted. */
    public Optional<Tenant> find(UUID id) {
        String sql = "SELECT name, created FROM tenants WHERE id = ? AND deleted IS NULL";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, id);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Tenant(
                        id,
                        rs.getString(1),
                        rs.getObject(2, OffsetDateTime.class).toInstant()));
            }
        } catch (SQLException e) {
            throw new DataAccessException("find tenant", e);
        }
    }
}
