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
    }

    private static RuntimeException wrapped(SQLException e) {
        return new IllegalStateException("storing failed", new RuntimeException(e));
    }
}
