package io.penguinmails.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseUnavailableTest {

    private final DatabaseUnavailable unavailable = new DatabaseUnavailable();

    @Test
    void brokenConnectionsAndAServerGoingDownAreOutages() {
        assertThat(unavailable.test(wrapped(new SQLException("An I/O error occurred", "08006"))))
                .isTrue();
        assertThat(unavailable.test(wrapped(new SQLException("This connection has been closed.", "08003"))))
                .isTrue();
        assertThat(unavailable.test(new SQLException("terminating connection due to administrator command", "57P01")))
                .isTrue();
        assertThat(unavailable.test(wrapped(new SQLException("the database system is starting up", "57P03"))))
                .isTrue();
        assertThat(unavailable.test(new SQLException("Acquisition timeout while waiting for new connection")))
                .isTrue();
        assertThat(unavailable.test(wrapped(new SQLException("Sorry, acquisition timeout!"))))
                .isTrue();
        assertThat(unavailable.test(new IllegalStateException(
                        "commit failed", new RollbackException("ARJUNA016053: Could not commit"))))
                .isTrue();
        RuntimeException suppressing = new RuntimeException("closing failed");
        suppressing.addSuppressed(new SQLException("I/O error", "08006"));
        assertThat(unavailable.test(suppressing)).isTrue();
        assertThat(unavailable.test(wrapped(new SQLTransientConnectionException("refused"))))
                .isTrue();
    }

    @Test
    void aRecordTheDatabaseRefusesIsNotAnOutage() {
        assertThat(unavailable.test(wrapped(new BatchUpdateException("value too long", "22001", new int[0]))))
                .isFalse();
        assertThat(unavailable.test(wrapped(new SQLException("duplicate key", "23505"))))
                .isFalse();
        assertThat(unavailable.test(new InvalidEventException("record has no body")))
                .isFalse();
        assertThat(unavailable.test(new IllegalStateException("no cause"))).isFalse();
        assertThat(unavailable.test(new RollbackException("marked rollback-only")))
                .isFalse();
    }

    /** Stands for {@code jakarta.transaction.RollbackException}, which the predicate knows by its simple name. */
    private static final class RollbackException extends Exception {
        RollbackException(String message) {
            super(message);
        }
    }

    private static RuntimeException wrapped(SQLException e) {
        return new IllegalStateException("storing failed", new RuntimeException(e));
    }
}
