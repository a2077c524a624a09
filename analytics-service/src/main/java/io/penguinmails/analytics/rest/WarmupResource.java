package io.penguinmails.analytics.rest;

import io.penguinmails.analytics.mapping.AnalyticsViews;
import io.penguinmails.analytics.repository.TenantSettingsRepository;
import io.penguinmails.analytics.repository.WarmupRepository;
import io.penguinmails.analytics.security.CurrentTenant;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A mailbox's warm-up traffic per day, from {@code analytics.events} marked {@code warmup: true}. Filtered by the
 * bearer token's {@code tenant_id} like every analytics read; days are the tenant's local days.
 */
@Path("/v1/analytics/mailboxes/{mailboxId}/warmup")
@RolesAllowed("tenant")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "analytics")
public class WarmupResource {

    private final WarmupRepository warmup;
    private final TenantSettingsRepository settings;
    private final CurrentTenant tenant;

    WarmupResource(WarmupRepository warmup, TenantSettingsRepository settings, CurrentTenant tenant) {
        this.warmup = warmup;
        this.settings = settings;
        this.tenant = tenant;
    }

    /**
     * The mailbox's days with warm-up traffic from {@code from} to {@code to} (inclusive, {@code YYYY-MM-DD}; default
     * the last 30 days up to the tenant's today, at most 366 days); a malformed or inverted range is a 400. A mailbox
     * without warm-up traffic, or one this service never heard of, has no days rather than a 404: mailboxes live in
     * campaign-service, and an empty list reveals nothing since only the caller's tenant's rows are read.
     */
    @GET
    @Operation(summary = "A mailbox's warm-up sends, opens, replies and reputation score per day")
    public WarmupResponse days(
            @PathParam("mailboxId") String mailboxId, @QueryParam("from") String from, @QueryParam("to") String to) {
        LocalDate today = LocalDate.now(settings.timeZone(tenant.id()));
        DateRange range = DateRange.parse(from, to, today);
        return new WarmupResponse(
                mailboxId,
                warmup.days(tenant.id(), mailboxId, range.from(), range.to()).stream()
                        .map(AnalyticsViews::warmupDay)
                        .toList());
    }
}
