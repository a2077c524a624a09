package io.penguinmails.campaign.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.penguinmails.campaign.Template;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
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

/** The {@code templates} table; every query is scoped to one tenant and skips deleted (inactive) templates. */
@ApplicationScoped
public class TemplateRepository {

    private static final String COLUMNS = "id, tenant_id, name, subject, html, text, variables::text, created, updated";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> NAMES = new TypeReference<>() {};

    private final DataSource dataSource;

    TemplateRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores a new template. */
    public Template insert(UUID tenantId, Template template) {
        String sql = "INSERT INTO templates (id, tenant_id, name, subject, html, text, variables)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?::jsonb) RETURNING " + COLUMNS;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, tenantId);
            setContent(insert, 3, template);
            return single(insert).orElseThrow();
        } catch (SQLException e) {
            throw new DataAccessException("insert template", e);
        }
    }

    /** Replaces a template's content; empty when the tenant has no such template. */
    public Optional<Template> update(UUID tenantId, UUID id, Template template) {
        String sql = "UPDATE templates SET name = ?, subject = ?, html = ?, text = ?, variables = ?::jsonb,"
                + " updated = now() WHERE tenant_id = ? AND id = ? AND is_active RETURNING " + COLUMNS;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            setContent(update, 1, template);
            update.setObject(6, tenantId);
            update.setObject(7, id);
            return single(update);
        } catch (SQLException e) {
            throw new DataAccessException("update template", e);
        }
    }

    /** The tenant's template with that id. */
    public Optional<Template> find(UUID tenantId, UUID id) {
        String sql = "SELECT " + COLUMNS + " FROM templates WHERE tenant_id = ? AND id = ? AND is_active";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, tenantId);
            select.setObject(2, id);
            return single(select);
        } catch (SQLException e) {
            throw new DataAccessException("find template", e);
        }
    }

    /** The tenant's templates by name. */
    public List<Template> list(UUID tenantId) {
        String sql = "SELECT " + COLUMNS + " FROM templates WHERE tenant_id = ? AND is_active ORDER BY name, id";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, tenantId);
            try (ResultSet rs = select.executeQuery()) {
                List<Template> found = new ArrayList<>();
                while (rs.next()) {
                    found.add(read(rs));
                }
                return found;
            }
        } catch (SQLException e) {
            throw new DataAccessException("list templates", e);
        }
    }

    /**
     * Deletes a template: it is deactivated rather than removed, because campaign steps that already sent it keep
     * referring to it. False when the tenant has no such template.
     */
    public boolean delete(UUID tenantId, UUID id) {
        String sql =
                "UPDATE templates SET is_active = FALSE, updated = now() WHERE tenant_id = ? AND id = ? AND is_active";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            update.setObject(1, tenantId);
            update.setObject(2, id);
            return update.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new DataAccessException("delete template", e);
        }
    }

    private static void setContent(PreparedStatement statement, int first, Template template) throws SQLException {
        statement.setString(first, template.name());
        statement.setString(first + 1, template.subject());
        statement.setString(first + 2, template.html());
        statement.setString(first + 3, template.text());
        try {
            statement.setString(first + 4, JSON.writeValueAsString(template.variables()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Template> single(PreparedStatement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery()) {
            return rs.next() ? Optional.of(read(rs)) : Optional.empty();
        }
    }

    private static Template read(ResultSet rs) throws SQLException {
        try {
            return new Template(
                    rs.getObject(1, UUID.class),
                    rs.getObject(2, UUID.class),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    JSON.readValue(rs.getString(7), NAMES),
                    rs.getObject(8, OffsetDateTime.class).toInstant(),
                    rs.getObject(9, OffsetDateTime.class).toInstant());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
