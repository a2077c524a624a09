package io.penguinmails.analytics.repository;

import static java.util.stream.Collectors.joining;
import static java.util.stream.Collectors.toMap;

import io.penguinmails.analytics.Aggregate;
import io.penguinmails.analytics.Attribution;
import io.penguinmails.analytics.Counters;
import io.penguinmails.analytics.Metric;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import javax.sql.DataSource;

/** The counter tables of {@link Aggregate}: increments from the consumer and the per-step / per-mailbox reads. */
@ApplicationScoped
public class AggregateRepository {

    private static final String COUNTER_COLUMNS =
            Arrays.stream(Metric.values()).map(Metric::column).collect(joining(", "));

    // Everything formatted in is an Aggregate table or column or a Metric column, never user input.
    private static final String UPSERT =
            """
            INSERT INTO %1$s (tenant_id, %2$s, %3$s) VALUES (?, %4$s, 1)
            ON CONFLICT (tenant_id, %2$s) DO UPDATE SET %3$s = %1$s.%3$s + 1, updated = now()
            """;

    /** One statement per metric that upserts every aggregate: a single round trip per counted event. */
    private static final Map<Metric, String> INCREMENT_ALL =
            Arrays.stream(Metric.values()).collect(toMap(metric -> metric, AggregateRepository::incrementAllSql));

    private static final String CAMPAIGN =
            "SELECT " + COUNTER_COLUMNS + " FROM campaign_analytics WHERE tenant_id = ? AND campaign_id = ?";

    private static final String STEPS = "SELECT step_id, " + COUNTER_COLUMNS
            + " FROM sequence_step_analytics WHERE tenant_id = ? AND campaign_id = ? ORDER BY step_id";

    private static final String MAILBOXES = "SELECT mailbox_id, " + COUNTER_COLUMNS
            + " FROM mailbox_analytics WHERE tenant_id = ? AND mailbox_id <> '' ORDER BY mailbox_id";

    private static final String EMPTY_ALL =
            """
            TRUNCATE daily_analytics, campaign_analytics, mailbox_analytics, sequence_step_analytics,
                     unique_engagements, processed_events
            """;

    private final DataSource dataSource;

    AggregateRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Adds one to a counter of every aggregate's row for this attribution, creating rows on their first event. */
    public void incrementAll(Attribution attribution, Metric metric) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(INCREMENT_ALL.get(metric))) {
            int index = 1;
            for (Aggregate aggregate : Aggregate.values()) {
                statement.setObject(index++, attribution.tenantId());
                for (Object value : aggregate.keyValues(attribution)) {
                    statement.setObject(index++, value);
                }
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("incrementing the aggregates failed", e);
        }
    }

    /** A campaign's totals; all zero when nothing was counted for it. */
    public Counters campaign(UUID tenantId, String campaignId) {
        Map<String, Counters> rows = query(CAMPAIGN, null, tenantId, campaignId);
        return rows.isEmpty() ? Counters.ZERO : rows.values().iterator().next();
    }

    /** A campaign's totals per sequence step, by step id ({@code ""} for events without a step). */
    public Map<String, Counters> steps(UUID tenantId, String campaignId) {
        return query(STEPS, "step_id", tenantId, campaignId);
    }

    /** The tenant's totals per mailbox, by mailbox id; events without a mailbox are left out. */
    public Map<String, Counters> mailboxes(UUID tenantId) {
        return query(MAILBOXES, "mailbox_id", tenantId);
    }

    /** Empties every aggregate and the ledger of processed events, in one statement, before a rebuild. */
    public void emptyAll() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(EMPTY_ALL)) {
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("emptying the aggregates failed", e);
        }
    }

    /** Data-modifying CTEs run every upsert in one statement; each touches a different table, so they cannot clash. */
    private static String incrementAllSql(Metric metric) {
        List<String> upserts = Arrays.stream(Aggregate.values())
                .map(aggregate -> upsertSql(aggregate, metric))
                .toList();
        String ctes = IntStream.range(0, upserts.size() - 1)
                .mapToObj(i -> "a" + i + " AS (" + upserts.get(i) + ")")
                .collect(joining(", "));
        return "WITH " + ctes + " " + upserts.get(upserts.size() - 1);
    }

    private static String upsertSql(Aggregate aggregate, Metric metric) {
        String keys = String.join(", ", aggregate.keyColumns());
        String placeholders = aggregate.keyColumns().stream().map(column -> "?").collect(joining(", "));
        return UPSERT.formatted(aggregate.table(), keys, metric.column(), placeholders)
                .strip();
    }

    private Map<String, Counters> query(String sql, String idColumn, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return readRows(statement, idColumn);
        } catch (SQLException e) {
            throw new IllegalStateException("reading aggregates failed", e);
        }
    }

    private static Map<String, Counters> readRows(PreparedStatement statement, String idColumn) throws SQLException {
        Map<String, Counters> rows = new LinkedHashMap<>();
        try (ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                rows.put(idColumn == null ? "" : row.getString(idColumn), Counters.of(row));
            }
        }
        return rows;
    }
}
