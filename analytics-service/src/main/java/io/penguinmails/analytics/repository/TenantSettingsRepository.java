package io.penguinmails.analytics.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/** The {@code tenant_settings} table: each tenant's time zone, UTC when it never set one. */
@ApplicationScoped
public class TenantSettingsRepository {

    /** The zone of a tenant that never set one. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("UTC");

    private static final String READ = "SELECT time_zone FROM tenant_settings WHERE tenant_id = ?";

    private static final String READ_MANY =
            "SELECT tenant_id, time_zone FROM tenant_settings WHERE tenant_id = ANY (CAST(? AS UUID[]))";

    private static final String SAVE =
            """
            INSERT INTO tenant_settings (tenant_id, time_zone) VALUES (?, ?)
            ON CONFLICT (tenant_id) DO UPDATE SET time_zone = EXCLUDED.time_zone, updated = now()
            """;

    private final DataSource dataSource;

    TenantSettingsRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The tenant's time zone; UTC when none was set. */
    public ZoneId timeZone(UUID tenantId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(READ)) {
            statement.setObject(1, tenantId);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? ZoneId.of(row.getString(1)) : DEFAULT_ZONE;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the settings of tenant " + tenantId + " failed", e);
        }
    }

    /** The time zone of each of these tenants, UTC for those that never set one. */
    public Map<UUID, ZoneId> timeZones(Collection<UUID> tenantIds) {
        Map<UUID, ZoneId> zones = new HashMap<>();
        tenantIds.forEach(tenantId -> zones.put(tenantId, DEFAULT_ZONE));
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(READ_MANY)) {
            statement.setArray(1, SqlArrays.text(connection, List.copyOf(tenantIds), tenantId -> tenantId));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    zones.put(rows.getObject(1, UUID.class), ZoneId.of(rows.getString(2)));
                }
            }
            return zones;
        } catch (SQLException e) {
            throw new IllegalStateException("reading the settings of " + tenantIds.size() + " tenants failed", e);
        }
    }

    /** Sets the tenant's time zone; events counted from now on land on days of this zone. */
    public void saveTimeZone(UUID tenantId, ZoneId zone) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(SAVE)) {
            statement.setObject(1, tenantId);
            statement.setString(2, zone.getId());
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("saving the settings of tenant " + tenantId + " failed", e);
        }
    }
}
