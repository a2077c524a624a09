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

/** Storage totals of one tenant. */
@ApplicationScoped
public class StorageStatsRepository {

    private final DataSource dataSource;

    StorageStatsRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The tenant's totals, with one line per UTC day of the last {@code days} days. */
    public StorageStats stats(UUID tenantId, int days) {
        long[] totals = longs(
                "SELECT count(*), coalesce(sum(raw_size_bytes), 0), coalesce(sum(compressed_size_bytes), 0),"
                        + " coalesce(sum(coalesce(pg_column_size(content_text), 0) + coalesce(pg_column_size(content_html), 0)"
                        + " + pg_column_size(headers)), 0) FROM email_content WHERE tenant_id = ?",
                tenantId);
        long[] listed =
                longs("SELECT count(*), coalesce(sum(size_bytes), 0) FROM attachments WHERE tenant_id = ?", tenantId);
        long[] blobs = longs(
                "SELECT count(*), coalesce(sum(size_bytes), 0) FROM attachment_blobs WHERE tenant_id = ?", tenantId);
        return new StorageStats(
                totals[0],
                totals[1],
                totals[2],
                StorageStats.savedRatio(totals[1], totals[2]),
                totals[3],
                new StorageStats.Attachments(listed[0], listed[1], blobs[0], blobs[1], listed[1] - blobs[1]),
                days(tenantId, days));
    }

    private List<StorageStats.Day> days(UUID tenantId, int days) {
        String sql = "SELECT (created AT TIME ZONE 'UTC')::date AS day, count(*), sum(raw_size_bytes),"
                + " sum(compressed_size_bytes) FROM email_content WHERE tenant_id = ?"
                + " AND created >= now() - make_interval(days => ?) GROUP BY day ORDER BY day";
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
