package io.penguinmails.content.rest;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.penguinmails.content.service.IdempotencyConflictException;
import io.penguinmails.content.service.InvalidRequestException;
import jakarta.ws.rs.core.Response;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Answers requests the service refuses as problem+json: 400 for a JSON body of the wrong shape (instead of Quarkus'
 * plain JSON answer), 422 for invalid content, 409 for a reused idempotency key.
 */
public class RequestProblemMapper {

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        String field = e.getPath().stream()
                .map(JsonMappingException.Reference::getFieldName)
                .filter(Objects::nonNull)
                .collect(Collectors.joining("."));
        String detail = field.isEmpty() ? "the body does not have the expected shape" : field + " has the wrong type";
        return ProblemExceptionMapper.problem(400, "Bad Request", detail);
    }

    @ServerExceptionMapper
    public Response invalid(InvalidRequestException e) {
        return ProblemExceptionMapper.problem(422, "Unprocessable Content", e.getMessage());
    }

    @ServerExceptionMapper
    public Response conflict(IdempotencyConflictException e) {
        return ProblemExceptionMapper.problem(409, "Conflict", e.getMessage());
    }
}
