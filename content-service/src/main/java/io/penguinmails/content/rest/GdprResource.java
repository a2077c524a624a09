package io.penguinmails.content.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.penguinmails.content.security.CurrentTenant;
import io.penguinmails.content.service.GdprEraseService;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** GDPR erasure within the caller's tenant. */
@Path("/v1/gdpr/erase")
@Authenticated
public class GdprResource {

    private static final Pattern ADDRESS = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}");

    private final GdprEraseService erase;
    private final CurrentTenant tenant;
    private final JsonWebToken token;

    GdprResource(GdprEraseService erase, CurrentTenant tenant, JsonWebToken token) {
        this.erase = erase;
        this.tenant = tenant;
        this.token = token;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Erase every message from or to an address, and attachments only they used",
            description = "Records a gdpr.erase event on audit.events naming the address by its SHA-256 only")
    public GdprEraseService.Erased erase(EraseRequest request) {
        if (request == null
                || request.address() == null
                || !ADDRESS.matcher(request.address()).matches()) {
            throw new BadRequestException("address must be an email address");
        }
        String actor = token.getSubject() == null ? "tenant" : token.getSubject();
        return erase.erase(tenant.id(), actor, request.address());
    }

    /** The body of an erase request. */
    public record EraseRequest(@JsonProperty("address") String address) {}
}
