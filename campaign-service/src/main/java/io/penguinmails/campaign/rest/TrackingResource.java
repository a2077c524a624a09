package io.penguinmails.campaign.rest;

import io.penguinmails.campaign.service.tracking.TrackingService;
import io.penguinmails.campaign.service.tracking.TrackingToken;
import io.penguinmails.campaign.service.tracking.TrackingTokens;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * The public open pixel and click redirect of campaign emails; no bearer token, the signed token in the path is the
 * only authority. A token that does not verify records nothing.
 */
@Path("/t")
@Tag(name = "tracking")
public class TrackingResource {

    /** The smallest transparent 1x1 GIF. */
    private static final byte[] PIXEL =
            Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private static final Logger LOG = Logger.getLogger(TrackingResource.class);

    private final TrackingTokens tokens;
    private final TrackingService tracking;

    TrackingResource(TrackingTokens tokens, TrackingService tracking) {
        this.tokens = tokens;
        this.tracking = tracking;
    }

    @GET
    @Path("/o/{token}")
    @Operation(
            summary = "Open pixel",
            description = "Always a 1x1 GIF that is never cached; records the open when the token verifies.")
    @APIResponse(
            responseCode = "200",
            description = "the pixel, whatever the token (a 43-byte transparent GIF, never cached)",
            content = @Content(mediaType = "image/gif"))
    public Response open(@PathParam("token") String token, @HeaderParam(HttpHeaders.USER_AGENT) String userAgent) {
        tokens.verify(token, TrackingToken.Kind.OPEN).ifPresent(verified -> {
            try {
                tracking.recordOpen(verified, userAgent);
            } catch (RuntimeException e) {
                // The recipient's mail client must get its image whatever happens to the bookkeeping.
                LOG.warnf("open not recorded: %s", e.toString());
            }
        });
        return Response.ok(PIXEL, "image/gif")
                .header(HttpHeaders.CACHE_CONTROL, "no-store, no-cache, must-revalidate, private, max-age=0")
                .header("Pragma", "no-cache")
                .header(HttpHeaders.EXPIRES, "0")
                .build();
    }

    @GET
    @Path("/c/{token}")
    @Operation(
            summary = "Click redirect",
            description = "302 to the link that was in the sent mail; 404 for a token that does not verify.")
    @APIResponse(responseCode = "302", description = "redirect to the signed link")
    @APIResponse(
            responseCode = "404",
            description = "unknown, altered or forged link",
            content = @Content(mediaType = MediaType.TEXT_PLAIN))
    public Response click(@PathParam("token") String token, @HeaderParam(HttpHeaders.USER_AGENT) String userAgent) {
        Optional<TrackingToken> verified =
                tokens.verify(token, TrackingToken.Kind.CLICK).filter(TrackingResource::isWebLink);
        if (verified.isEmpty()) {
            return Response.status(Response.Status.NOT_FOUND)
                    .type(MediaType.TEXT_PLAIN_TYPE)
                    .entity("This link is not valid.\n")
                    .build();
        }
        try {
            tracking.recordClick(verified.get(), userAgent);
        } catch (RuntimeException e) {
            // The recipient still reaches the link; a lost click count is the lesser harm.
            LOG.warnf("click not recorded: %s", e.toString());
        }
        return Response.status(Response.Status.FOUND)
                .location(URI.create(verified.get().url()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    /** Only http(s) targets are redirected to, even when signed: a tracking link never opens anything else. */
    private static boolean isWebLink(TrackingToken token) {
        String url = token.url().toLowerCase(Locale.ROOT);
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            return false;
        }
        try {
            return URI.create(token.url()).getHost() != null;
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }
}
