package io.penguinmails.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatabasesTest {

    @Test
    void ensureCreatesAMissingDatabaseAndToleratesAnExistingOne() throws Exception {
        String name = "penguin_infra_probe";
        Databases.ensure(Databases.localUrl("postgres"), "postgres", "", List.of(name));
        Databases.ensure(Databases.localUrl("postgres"), "postgres", "", List.of(name));
        try (var connection = DriverManager.getConnection(Databases.localUrl(name), "postgres", "")) {
            assertThat(connection.isValid(2)).isTrue();
        }
    }

    @Test
    void unsafeNamesAreRefused() {
        assertThatThrownBy(() -> Databases.ensure(
                        Databases.localUrl("postgres"), "postgres", "", List.of("x; DROP DATABASE postgres")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
