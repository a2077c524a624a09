package io.penguinmails.content.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.penguinmails.content.KeysetPosition;
import io.penguinmails.content.Notification;
import io.penguinmails.content.NotificationRequest;
import io.penguinmails.content.security.CurrentTenant;
import io.penguinmails.content.service.NotificationService;
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
import org.eclipse.microprofile.openapi.annotations.Operation;

/** In-app notifications of the caller's tenant. Expired ones are never shown, even before the purge deletes them. */
@Path("/v1/notifications")
@Authenticated
public class NotificationResource {

    private final NotificationService notifications;
    private final CurrentTenant tenant;

    NotificationResource(NotificationService notifications, CurrentTenant tenant) {
        this.notifications = notifications;
        this.tenant = tenant;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Notifications, newest first",
            description = "unread=true keeps unread ones only; pass next_cursor back as cursor for the next page;"
                    + " limit 1..200, default 50.")
    public ItemPage<Notification> list(
            @QueryParam("unread") String unread,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        int size = Paging.limit(limit);
        List<Notification> items = notifications.list(tenant.id(), unreadOnly(unread), Paging.decode(cursor), size);
        return Paging.page(items, size, n -> new KeysetPosition(n.occurredAt(), n.id()));
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One notification")
    public Notification get(@PathParam("id") String id) {
        return notifications.find(tenant.id(), Paging.pathId(id)).orElseThrow(NotificationResource::notFound);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Create a notification for the caller's tenant",
            description = "kind and title required; severity info (default), warning or critical; optional body,"
                    + " subject_id, details (string values) and expires_at (future). 201 with the notification.")
    public Response create(NotificationRequest request, @Context UriInfo uri) {
        if (request == null) {
            throw new BadRequestException("a JSON body is required");
        }
        Notification created = notifications.create(tenant.id(), request);
        return Response.created(uri.getAbsolutePathBuilder()
                        .path(created.id().toString())
                        .build())
                .entity(created)
                .build();
    }

    @POST
    @Path("/{id}/read")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mark one notification read; repeating it keeps the first read_at")
    public Notification markRead(@PathParam("id") String id) {
        return notifications.markRead(tenant.id(), Paging.pathId(id)).orElseThrow(NotificationResource::notFound);
    }

    @POST
    @Path("/read-all")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mark every unread notification read", description = "{marked: how many were unread}")
    public Marked markAllRead() {
        return new Marked(notifications.markAllRead(tenant.id()));
    }

    private static boolean unreadOnly(String unread) {
        if (unread == null || unread.equals("false")) {
            return false;
        }
        if (unread.equals("true")) {
            return true;
        }
        throw new BadRequestException("unread must be true or false");
    }

    private static NotFoundException notFound() {
        return new NotFoundException("no such notification");
    }

    /** How many notifications a read-all marked. */
    public record Marked(@JsonProperty("marked") int marked) {}
}
