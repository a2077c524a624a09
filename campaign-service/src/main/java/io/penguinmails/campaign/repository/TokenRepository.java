package io.penguinmails.campaign.repository;

import io.penguinmails.campaign.IssuedToken;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;

/** The {@code tenant_tokens} table: what was issued to whom, never the token text. */
@ApplicationScoped
public class TokenRepository {

    private final DataSource dataSource;

    TokenRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records an issued token of a tenant and returns the row id. */
    public UUID insert(UUID tenantId, IssuedToken token) {
        UUID id = UUID.randomUUID();
        String sql = "INSERT INTO tenant_tokens (id, tenant_id, jti, issued, expires) VALUES (?, ?, ?, ?, ?)";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setObject(1, id);
            insert.setObject(2, tenantId);
            insert.setString(3, token.jti());
            insert.setObject(4, token.issuedAt().atOffset(ZoneOffset.UTC));
            insert.setObject(5, token.expiresAt().atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
            return id;
        } catch (SQLException e) {
            throw new DataAccessException("insert tenant token", e);
        }
    }
}
