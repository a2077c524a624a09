package io.penguinmails.analytics.repository;

import static java.util.stream.Collectors.joining;

import io.penguinmails.analytics.Counters;
import io.penguinmails.analytics.DailyAnalytics;
import io.penguinmails.analytics.Metric;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** The tenant-scoped reads of {@code daily_analytics}; {@link AggregateRepository} writes it. */
@ApplicationScoped
public class DailyAnalyticsRepository {

    private static final String COUNTER_COLUMNS =
            Arrays.stream(Metric.values()).map(Metric::column).collect(joining(", "));

    private static final String SUMMED_COUNTER_COLUMNS = Arrays.stream(Metric.values())
            .map(metric -> "COALESCE(SUM(" + metric.column() + "), 0) AS " + metric.column())
            .collect(joining(", "));

    private static final String DAILY =
            """
            SELECT date, campaign_id, mailbox_id, %s, warmup_opens, warmup_replies,
                   open_rate, click_rate, bounce_rate, reply_rate
            FROM daily_analytics
            WHERE tenant_id = ? AND date BETWEEN ? AND ?
              AND (CAST(? AS TEXT) IS NULL OR campaign_id = ?)
              AND (CAST(? AS TEXT) IS NULL OR mailbox_id = ?)
            ORDER BY date, campaign_id, mailbox_id
            """
                    .formatted(COUNTER_COLUMNS);

    private static final String TOTALS =
            """
            SELECT %s FROM daily_analytics
            WHERE tenant_id = ? AND (CAST(? AS TEXT) IS NULL OR campaign_id = ?)
            """
                    .formatted(SUMMED_COUNTER_COLUMNS);

    private final DataSource dataSource;

    DailyAnalyticsRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * A tenant's rows from {@code from} to {@code to} (inclusive), ordered by date, campaign and mailbox.
     *
     * @param campaignId only this campaign's rows; {@code null} for all
     * @param mailboxId only this mailbox's rows; {@code null} for all
     */
    public List<DailyAnalytics> daily(
            UUID tenantId, LocalDate from, LocalDate to, String campaignId, String mailboxId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(DAILY)) {
            statement.setObject(1, tenantId);
            statement.setObject(2, from);
            statement.setObject(3, to);
            bindOptional(statement, 4, campaignId);
            bindOptional(statement, 6, mailboxId);
            return readDays(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("reading daily analytics failed", e);
        }
    }

    /**
     * A tenant's counters summed over all days; all zero when nothing was counted.
     *
     * @param campaignId only this campaign's events; {@code null} for all of the tenant's events
     */
    public Counters totals(UUID tenantId, String campaignId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(TOTALS)) {
            statement.setObject(1, tenantId);
            bindOptional(statement, 2, campaignId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next(); // an aggregate without GROUP BY always returns one row
                return Counters.of(rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading analytics totals failed", e);
        }
    }

    /** Binds a value twice, for the {@code (CAST(? AS TEXT) IS NULL OR column = ?)} filters. */
    private static void bindOptional(PreparedStatement statement, int index, String value) throws SQLException {
        statement.setString(index, value);
        statement.setString(index + 1, value);
    }

    private static List<DailyAnalytics> readDays(PreparedStatement statement) throws SQLException {
        List<DailyAnalytics> days = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                days.add(day(rows));
            }
        }
        return days;
    }

    private static DailyAnalytics day(ResultSet row) throws SQLException {
        return new DailyAnalytics(
                row.getObject("date", LocalDate.class),
                row.getString("campaign_id"),
                row.getString("mailbox_id"),
                Counters.of(row),
                row.getLong("warmup_opens"),
                row.getLong("warmup_replies"),
                row.getBigDecimal("open_rate"),
                row.getBigDecimal("click_rate"),
                row.getBigDecimal("bounce_rate"),
                row.getBigDecimal("reply_rate"));
    }
}
