package io.penguinmails.content.rest;

import io.penguinmails.content.StorageStats;
import io.penguinmails.content.repository.StorageStatsRepository;
import io.penguinmails.content.repository.TenantScope;
import io.penguinmails.content.security.CurrentTenant;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** What the caller's tenant stores, and what compression and attachment deduplication save. */
@Path("/v1/storage/stats")
@Authenticated
public class StorageStatsResource {

    private static final int MAX_DAYS = 366;

    private final StorageStatsRepository stats;
    private final TenantScope scope;
    private final CurrentTenant tenant;

    StorageStatsResource(StorageStatsRepository stats, TenantScope scope, CurrentTenant tenant) {
        this.stats = stats;
        this.scope = scope;
        this.tenant = tenant;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Messages, raw and stored bytes, saved ratio, attachment dedup savings, per UTC day")
    public StorageStats get(@QueryParam("days") @DefaultValue("30") String days) {
        int window = days(days);
        return scope.call(tenant.id(), () -> stats.stats(tenant.id(), window));
    }

    private static int days(String value) {
        try {
            int days = Integer.parseInt(value);
            if (days >= 1 && days <= MAX_DAYS) {
                return days;
            }
        } catch (NumberFormatException e) {
            // answered below like any other value out of range
        }
        throw new BadRequestException("days must be an integer from 1 to " + MAX_DAYS);
    }
}
