package io.penguinmails.analytics.rest;

import io.penguinmails.analytics.repository.TenantSettingsRepository;
import io.penguinmails.analytics.security.CurrentTenant;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.DateTimeException;
import java.time.ZoneId;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The tenant's time zone, which decides the local day each event counts on. A change applies to events counted from
 * then on; a rebuild re-derives earlier days in the new zone.
 */
@Path("/v1/analytics/settings")
@RolesAllowed("tenant")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "analytics")
public class SettingsResource {

    private final TenantSettingsRepository settings;
    private final CurrentTenant tenant;

    SettingsResource(TenantSettingsRepository settings, CurrentTenant tenant) {
        this.settings = settings;
        this.tenant = tenant;
    }

    /** The tenant's settings; {@code UTC} when never set. */
    @GET
    @Operation(summary = "The tenant's analytics settings")
    public SettingsView read() {
        return new SettingsView(settings.timeZone(tenant.id()).getId());
    }

    /** Sets the time zone; an unknown zone id is a 400. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the tenant's time zone")
    public SettingsView update(SettingsView body) {
        ZoneId zone = zone(body == null ? null : body.timeZone());
        settings.saveTimeZone(tenant.id(), zone);
        return new SettingsView(zone.getId());
    }

    private static ZoneId zone(String id) {
        if (id == null || id.isBlank()) {
            throw new BadRequestException("time_zone is required, e.g. Europe/Berlin");
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new BadRequestException("time_zone '" + id + "' is not a known time zone id");
        }
    }
}
