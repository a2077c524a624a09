package io.penguinmails.analytics.repository;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Binds a column of a batch as one {@code TEXT[]} parameter, which the SQL casts to the column's type: with
 * {@code unnest} a whole batch becomes a single multi-row statement, whatever the batch's size.
 */
final class SqlArrays {

    private SqlArrays() {}

    /** The text of each row's value ({@code null} stays SQL NULL). */
    static <T> Array text(Connection connection, List<T> rows, Function<T, ?> column) throws SQLException {
        String[] values = rows.stream()
                .map(column)
                .map(value -> value == null ? null : Objects.toString(value))
                .toArray(String[]::new);
        return connection.createArrayOf("text", values);
    }

    /** Whole numbers, e.g. the counter deltas of an upsert. */
    static <T> Array integers(Connection connection, List<T> rows, Function<T, Integer> column) throws SQLException {
        Integer[] values = rows.stream().map(column).toArray(Integer[]::new);
        return connection.createArrayOf("int4", values);
    }
}
