package io.penguinmails.contracts;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * For consumers of the topics here: whether a consumer's failure means the database was unreachable (restarting, connections broken, pool exhausted)
 * rather than that the record is bad. Such a record is retried until the database is back instead of being
 * dead-lettered: nothing is wrong with it, and its effect is idempotent, so trying again is always safe. Used as
 * {@code @RetryWhen(exception = DatabaseUnavailable.class)} on every {@code @Incoming} method.
 */
public final class DatabaseUnavailable implements Predicate<Throwable> {

    @Override
    public boolean test(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (outage(t) || Arrays.stream(t.getSuppressed()).anyMatch(this)) {
                return true;
            }
        }
        return false;
    }

    private static boolean outage(Throwable t) {
        if (t instanceof SQLTransientConnectionException || t instanceof SQLException sql && unavailable(sql)) {
            return true;
        }
        // Narayana's answer when the commit itself failed on a broken connection: the outcome is a rollback.
        return t.getClass().getSimpleName().equals("RollbackException")
                && String.valueOf(t.getMessage()).contains("ARJUNA016053");
    }

    private static boolean unavailable(SQLException e) {
        String state = e.getSQLState();
        if (state != null) {
            // 08: connection exceptions; 57P01-03: the server shuts down, crashed or is starting; 53300: no free slot.
            return state.startsWith("08") || state.startsWith("57P0") || state.equals("53300");
        }
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        // Agroal's pool: no connection could be had in time, or a pooled one broke.
        return message.contains("acquisition timeout") || message.contains("connection has been closed");
    }
}
