package io.penguinmails.analytics.rest;

import io.penguinmails.analytics.security.AdminIdentityProvider;
import io.penguinmails.analytics.service.RebuildRunningException;
import io.penguinmails.analytics.service.RebuildService;
import io.penguinmails.analytics.service.RebuildStatus;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The operator's rebuild of every aggregate from {@code analytics.events}; admin token only. */
@Path("/v1/admin/analytics/rebuild")
@RolesAllowed(AdminIdentityProvider.ROLE)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
public class RebuildResource {

    private static final String PATH = "/v1/admin/analytics/rebuild/";

    private final RebuildService rebuild;

    RebuildResource(RebuildService rebuild) {
        this.rebuild = rebuild;
    }

    /**
     * Starts replaying the topic from its beginning into shadow tables and answers 202 at once with the rebuild's id
     * (also in {@code Location}). The API keeps showing the current numbers until the rebuilt ones are swapped in. A
     * second rebuild while one runs is a 409.
     */
    @POST
    @Operation(summary = "Start re-deriving every aggregate by replaying analytics.events")
    public Response start() {
        try {
            RebuildStatus started = rebuild.start();
            return Response.accepted(started)
                    .location(URI.create(PATH + started.rebuildId()))
                    .build();
        } catch (RebuildRunningException e) {
            throw new WebApplicationException(e.getMessage(), 409);
        }
    }

    /** A rebuild's state and progress; 404 for an id this instance never started. */
    @GET
    @Path("/{id}")
    @Operation(summary = "A rebuild's state and progress")
    public RebuildStatus status(@PathParam("id") UUID rebuildId) {
        return rebuild.status(rebuildId).orElseThrow(() -> new NotFoundException("no rebuild " + rebuildId));
    }
}
