package io.penguinmails.analytics.rest;

import io.penguinmails.analytics.security.AdminIdentityProvider;
import io.penguinmails.analytics.service.RebuildResult;
import io.penguinmails.analytics.service.RebuildRunningException;
import io.penguinmails.analytics.service.RebuildService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The operator's rebuild of every aggregate from {@code analytics.events}; admin token only. */
@Path("/v1/admin/analytics/rebuild")
@RolesAllowed(AdminIdentityProvider.ROLE)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
public class RebuildResource {

    private final RebuildService rebuild;

    RebuildResource(RebuildService rebuild) {
        this.rebuild = rebuild;
    }

    /**
     * Empties the aggregates and replays the topic from its beginning; answers when done. While it runs the API
     * shows partial numbers. A second rebuild while one runs is a 409.
     */
    @POST
    @Operation(summary = "Re-derive every aggregate by replaying analytics.events")
    public RebuildResult rebuild() {
        try {
            return rebuild.rebuild();
        } catch (RebuildRunningException e) {
            throw new WebApplicationException(e.getMessage(), 409);
        }
    }
}
