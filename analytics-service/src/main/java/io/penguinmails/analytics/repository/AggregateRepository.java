package io.penguinmails.analytics.repository;

import static java.util.stream.Collectors.joining;

import io.penguinmails.analytics.Aggregate;
import io.penguinmails.analytics.Counters;
import io.penguinmails.analytics.Metric;
import io.penguinmails.analytics.TableSet;
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
import javax.sql.DataSource;

/** The counter tables of {@link Aggregate}: batch increments from the consumer and the per-step / per-mailbox reads. */
@ApplicationScoped
public class AggregateRepository {

    private static final String COUNTER_COLUMNS =
            Arrays.stream(Metric.values()).map(Metric::column).collect(joining(", "));

    /**
     * A batch's counter deltas for one aggregate in a single multi-row upsert. Everything formatted in is an
     * Aggregate table, key column or counter column, never user input.
     */
    private static final String ADD =
            """
            INSERT INTO %1$s (tenant_id, %2$s, %3$s)
            SELECT CAST(u.tenant_id AS UUID), %4$s, %3$s
            FROM unnest(CAST(? AS TEXT[]), %5$s, %6$s) AS u(tenant_id, %2$s, %3$s)
            ON CONFLICT (tenant_id, %2$s) DO UPDATE SET %7$s, updated = now()
            """;

    private static final String CAMPAIGN =
            "SELECT " + COUNTER_COLUMNS + " FROM campaign_analytics WHERE tenant_id = ? AND campaign_id = ?";

    private static final String STEPS = "SELECT step_id, " + COUNTER_COLUMNS
            + " FROM sequence_step_analytics WHERE tenant_id = ? AND campaign_id = ? ORDER BY step_id";

    private static final String MAILBOXES = "SELECT mailbox_id, " + COUNTER_COLUMNS
            + " FROM mailbox_analytics WHERE tenant_id = ? AND mailbox_id <> '' ORDER BY mailbox_id";

    private final DataSource dataSource;

    AggregateRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * What a batch adds to one row of an aggregate.
     *
     * @param tenantId the row's tenant
     * @param keyValues the values of the aggregate's other key columns
     * @param deltas what to add to each of the aggregate's {@link Aggregate#counterColumns}, by position
     */
    public record Delta(UUID tenantId, List<Object> keyValues, int[] deltas) {}

    /**
     * Adds a batch's deltas to an aggregate's rows, creating rows on their first event. Each row may appear once;
     * callers pass them in one fixed order so that concurrent batches lock shared rows in the same order.
     */
    public void add(TableSet tables, Aggregate aggregate, List<Delta> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(addSql(tables, aggregate))) {
            int index = 1;
            statement.setArray(index++, SqlArrays.text(connection, rows, Delta::tenantId));
            for (int key = 0; key < aggregate.keyColumns().size(); key++) {
                int column = key;
                statement.setArray(index++, SqlArrays.text(connection, rows, row -> row.keyValues()
                        .get(column)));
            }
            for (int counter = 0; counter < aggregate.counterColumns().size(); counter++) {
                int position = counter;
                statement.setArray(index++, SqlArrays.integers(connection, rows, row -> row.deltas()[position]));
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("adding to " + aggregate.table() + " failed", e);
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

    private static String addSql(TableSet tables, Aggregate aggregate) {
        String table = tables.of(aggregate.table());
        String keys = String.join(", ", aggregate.keyColumns());
        String keyValues = aggregate.keyColumns().stream()
                .map(column -> "date".equals(column) ? "CAST(u.date AS DATE)" : "u." + column)
                .collect(joining(", "));
        String keyArrays = aggregate.keyColumns().stream()
                .map(column -> "CAST(? AS TEXT[])")
                .collect(joining(", "));
        List<String> counters = aggregate.counterColumns();
        String counterArrays =
                counters.stream().map(column -> "CAST(? AS INT[])").collect(joining(", "));
        String increments = counters.stream()
                .map(column -> "%1$s = %2$s.%1$s + EXCLUDED.%1$s".formatted(column, table))
                .collect(joining(", "));
        return ADD.formatted(table, keys, String.join(", ", counters), keyValues, keyArrays, counterArrays, increments);
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
