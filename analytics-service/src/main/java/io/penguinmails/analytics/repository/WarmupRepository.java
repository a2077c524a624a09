package io.penguinmails.analytics.repository;

import io.penguinmails.analytics.WarmupDay;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** The tenant-scoped reads of {@code warmup_daily_stats}; {@link AggregateRepository} writes it. */
@ApplicationScoped
public class WarmupRepository {

    // Served by the table's unique key (tenant_id, mailbox_id, date).
    private static final String DAYS =
            """
            SELECT date, emails_sent, opens_received, replies_received, reputation_score
            FROM warmup_daily_stats
            WHERE tenant_id = ? AND mailbox_id = ? AND date BETWEEN ? AND ?
            ORDER BY date
            """;

    private final DataSource dataSource;

    WarmupRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A mailbox's warm-up days from {@code from} to {@code to} (inclusive), oldest first; days without traffic are absent. */
    public List<WarmupDay> days(UUID tenantId, String mailboxId, LocalDate from, LocalDate to) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(DAYS)) {
            statement.setObject(1, tenantId);
            statement.setString(2, mailboxId);
            statement.setObject(3, from);
            statement.setObject(4, to);
            return readDays(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("reading warm-up stats failed", e);
        }
    }

    private static List<WarmupDay> readDays(PreparedStatement statement) throws SQLException {
        List<WarmupDay> days = new ArrayList<>();
        try (ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                days.add(new WarmupDay(
                        row.getObject("date", LocalDate.class),
                        row.getLong("emails_sent"),
                        row.getLong("opens_received"),
                        row.getLong("replies_received"),
                        row.getInt("reputation_score")));
            }
        }
        return days;
    }
}
