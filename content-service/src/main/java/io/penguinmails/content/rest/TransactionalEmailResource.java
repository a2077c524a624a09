package io.penguinmails.content.rest;

import io.penguinmails.content.KeysetPosition;
import io.penguinmails.content.TransactionalEmail;
import io.penguinmails.content.TransactionalEmailRequest;
import io.penguinmails.content.security.CurrentTenant;
import io.penguinmails.content.service.TransactionalEmailService;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Transactional email of the caller's tenant: queue one, follow its delivery. */
@Path("/v1/transactional-emails")
@Authenticated
public class TransactionalEmailResource {

    private final TransactionalEmailService emails;
    private final CurrentTenant tenant;
    private final JsonWebToken token;

    TransactionalEmailResource(TransactionalEmailService emails, CurrentTenant tenant, JsonWebToken token) {
        this.emails = emails;
        this.tenant = tenant;
        this.token = token;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Queue a transactional email",
            description = "202 {id, status}. Sent by the scheduled sender with retries; a repeated idempotency_key"
                    + " answers the email it queued first (409 when the rest of the request differs). 422 when the"
                    + " request breaks a rule (addresses, subject, text or html).")
    public Response queue(TransactionalEmailRequest request, @Context UriInfo uri) {
        if (request == null) {
            throw new BadRequestException("a JSON body is required");
        }
        TransactionalEmailService.Queued queued = emails.queue(tenant.id(), token.getSubject(), request);
        return Response.accepted(queued)
                .location(uri.getAbsolutePathBuilder()
                        .path(queued.id().toString())
                        .build())
                .build();
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One transactional email with its bodies and delivery state")
    public TransactionalEmail get(@PathParam("id") String id) {
        return emails.find(tenant.id(), Paging.pathId(id))
                .orElseThrow(() -> new NotFoundException("no such transactional email"));
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Transactional emails, newest first",
            description = "status (queued, sending, sent, failed) filters; pass next_cursor back as cursor for the"
                    + " next page; limit 1..200, default 50.")
    public ItemPage<TransactionalEmail> list(
            @QueryParam("status") String status,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        if (status != null && !TransactionalEmail.STATUSES.contains(status)) {
            throw new BadRequestException("status must be one of " + String.join(", ", TransactionalEmail.STATUSES));
        }
        int size = Paging.limit(limit);
        List<TransactionalEmail> items = emails.list(tenant.id(), status, Paging.decode(cursor), size);
        return Paging.page(items, size, e -> new KeysetPosition(e.queued(), e.id()));
    }
}
