package io.penguinmails.ingest.rest;

import io.penguinmails.ingest.security.CurrentTenant;
import io.penguinmails.ingest.service.InboundService;
import io.penguinmails.ingest.service.MessageTooLargeException;
import io.penguinmails.ingest.service.NotAMessageException;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Takes raw RFC 5322 messages into the inbound pipeline. */
@Path("/v1/inbound")
@Authenticated
public class InboundResource {

    private final InboundService inbound;
    private final CurrentTenant tenant;

    InboundResource(InboundService inbound, CurrentTenant tenant) {
        this.inbound = inbound;
        this.tenant = tenant;
    }

    @POST
    @Path("/raw")
    @Consumes({"message/rfc822", MediaType.APPLICATION_OCTET_STREAM, MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Submit one raw message",
            description =
                    "The job is durable before the answer; the same bytes submitted again map to the same storage_key and job.")
    @APIResponse(responseCode = "202", description = "accepted, classified and queued for publishing")
    @APIResponse(responseCode = "400", description = "empty body or not a message")
    @APIResponse(responseCode = "413", description = "larger than the configured maximum")
    public Response submitRaw(byte[] raw, @QueryParam("email_account_id") String emailAccountId) {
        InboundService.Accepted accepted = inbound.accept(tenant.id(), emailAccountId, raw);
        return Response.accepted(InboundResponse.of(accepted)).build();
    }

    @ServerExceptionMapper
    Response notAMessage(NotAMessageException e) {
        return ProblemExceptionMapper.problem(400, "Not a message", e.getMessage());
    }

    @ServerExceptionMapper
    Response tooLarge(MessageTooLargeException e) {
        return ProblemExceptionMapper.problem(413, "Message too large", e.getMessage());
    }
}
