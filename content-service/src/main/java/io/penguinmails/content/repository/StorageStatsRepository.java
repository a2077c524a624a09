package io.penguinmails.content.repository;

import io.penguinmails.content.StorageStats;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Storage totals of one tenant, read from the per-day counters ({@code storage_daily}) the writers, the purge and the
 * erase keep in the transactions of their changes: a few hundred rows per tenant, however much mail it stores.
 */
@ApplicationScoped
public class StorageStatsRepository {

    private final DataSource dataSource;

    StorageStatsRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The tenant's totals, with one line per UTC day of the last {@code days} days. */
    public StorageStats stats(UUID tenantId, int days) {
        long[] t = longs(
                "SELECT coalesce(sum(messages), 0), coalesce(sum(raw_bytes), 0), coalesce(sum(stored_bytes), 0),"
                        + " coalesce(sum(body_bytes), 0), coalesce(sum(attachments), 0), coalesce(sum(attachment_bytes), 0),"
                        + " coalesce(sum(blobs), 0), coalesce(sum(blob_bytes), 0), coalesce(sum(shared_bytes), 0),"
                        + " coalesce(sum(contents), 0), coalesce(sum(content_bytes), 0) FROM storage_daily WHERE tenant_id = ?",
                tenantId);
        return new StorageStats(
                t[0],
                t[1],
                t[2],
                StorageStats.savedRatio(t[1], t[2]),
                t[3],
                new StorageStats.Contents(t[8], t[9], t[10], t[8] - t[10]),
                new StorageStats.Attachments(t[4], t[5], t[6], t[7], t[5] - t[7]),
                days(tenantId, days));
    }

    private List<StorageStats.Day> days(UUID tenantId, int days) {
        String sql = "SELECT day, messages, raw_bytes, stored_bytes FROM storage_daily WHERE tenant_id = ?"
                + " AND day > ((now() AT TIME ZONE 'UTC') - make_interval(days => ?))::date AND messages > 0 ORDER BY day";
        List<StorageStats.Day> result = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, tenantId);
            ps.setInt(2, days);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new StorageStats.Day(
                            rs.getDate(1).toLocalDate(), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new RepositoryException(e);
        }
    }

    /** The single row of an aggregate query as longs. */
    private long[] longs(String sql, UUID tenantId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long[] row = new long[rs.getMetaData().getColumnCount()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = rs.getLong(i + 1);
                }
                return row;
            }
        } catch (SQLException e) {
            throw new RepositoryException(e);
        }
    }
}
