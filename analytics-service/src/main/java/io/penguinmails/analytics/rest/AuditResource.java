package io.penguinmails.analytics.rest;

import io.penguinmails.analytics.repository.AuditLogRepository;
import io.penguinmails.analytics.security.CurrentTenant;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tenant's own administrative actions (tenant created, tokens issued, ...) from {@code admin_audit_log}. */
@Path("/v1/audit")
@RolesAllowed("tenant")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit")
public class AuditResource {

    /** One page is capped so a request cannot read a tenant's whole history at once. */
    static final int MAX_LIMIT = 1000;

    private final AuditLogRepository auditLog;
    private final CurrentTenant tenant;

    AuditResource(AuditLogRepository auditLog, CurrentTenant tenant) {
        this.auditLog = auditLog;
        this.tenant = tenant;
    }

    /** The newest {@code limit} entries (1 to 1000, default 100) of the caller's tenant. */
    @GET
    @Operation(summary = "The tenant's audit log, newest first")
    public AuditResponse list(@QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequestException("limit must be between 1 and " + MAX_LIMIT);
        }
        return new AuditResponse(auditLog.latest(tenant.id(), limit).stream()
                .map(e -> new AuditEntryView(
                        e.eventId(), e.action(), e.actor(), e.subjectId(), e.details(), e.occurredAt()))
                .toList());
    }
}
