package io.penguinmails.ingest.rest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ProblemExceptionMapperTest {

    private final ProblemExceptionMapper mapper = new ProblemExceptionMapper();

    @Test
    void aDatabaseOutageIsServiceUnavailableWithRetryAfter() {
        Response response =
                mapper.unexpected(new IllegalStateException("insert failed", new SQLException("I/O error", "08006")));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("1");
        assertThat(response.getMediaType().toString()).isEqualTo(ProblemExceptionMapper.PROBLEM_JSON);
    }

    @Test
    void anythingElseUnexpectedIsAnInternalError() {
        Response response = mapper.unexpected(new IllegalStateException("a bug"));

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getHeaderString("Retry-After")).isNull();
    }
}
