package io.penguinmails.campaign.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.penguinmails.contracts.DatabaseUnavailable;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Answers every error as RFC 9457 {@code application/problem+json}, never as an HTML page or a stack trace. */
public class ProblemExceptionMapper {

    /** The media type of every error body. */
    public static final String PROBLEM_JSON = "application/problem+json";

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMapper.class);
    private static final DatabaseUnavailable DATABASE_UNAVAILABLE = new DatabaseUnavailable();

    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthorized(RuntimeException e) {
        return problem(401, "Unauthorized", "a valid bearer token is required");
    }

    @ServerExceptionMapper(ForbiddenException.class)
    public Response forbidden(ForbiddenException e) {
        return problem(403, "Forbidden", "this credential may not do that");
    }

    // Named apart from JsonProcessingException because Quarkus maps MismatchedInputException itself, as plain JSON.
    @ServerExceptionMapper({MismatchedInputException.class, JsonProcessingException.class})
    public Response unreadableJson(JsonProcessingException e) {
        return problem(400, "Bad Request", "the body is not the JSON this endpoint expects");
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return problem(status, e.getResponse().getStatusInfo().getReasonPhrase(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        if (DATABASE_UNAVAILABLE.test(e)) {
            // Nothing was done: the client may send the same request again, which is what 503 tells it.
            LOG.warnf("database unavailable: %s", e.getMessage());
            return Response.fromResponse(problem(503, "Service Unavailable", "the database is unavailable; retry"))
                    .header("Retry-After", "1")
                    .build();
        }
        LOG.error("unexpected error", e);
        return problem(500, "Internal Server Error", "the request failed; it has been logged");
    }

    /** A problem+json response with the given status, title and detail. */
    public static Response problem(int status, String title, String detail) {
        return Response.status(status)
                .type(PROBLEM_JSON)
                .entity(new Problem("about:blank", title, status, detail))
                .build();
    }
}
