package io.penguinmails.campaign.rest;

import io.penguinmails.campaign.service.tracking.TrackingService;
import io.penguinmails.campaign.service.tracking.TrackingToken;
import io.penguinmails.campaign.service.tracking.TrackingTokens;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The public unsubscribe link of campaign emails: GET shows a page with a confirm button (so link scanners that
 * prefetch URLs unsubscribe nobody), POST unsubscribes at once; the POST is also RFC 8058 one-click, sent by mail
 * clients with the body {@code List-Unsubscribe=One-Click}.
 */
@Path("/u")
@Produces(MediaType.TEXT_HTML)
@Tag(name = "tracking")
public class UnsubscribeResource {

    private static final String INVALID = page(
            "Link not valid", "<p>This unsubscribe link is not valid. Use the link in the email you received.</p>");

    private final TrackingTokens tokens;
    private final TrackingService tracking;

    UnsubscribeResource(TrackingTokens tokens, TrackingService tracking) {
        this.tokens = tokens;
        this.tracking = tracking;
    }

    @GET
    @Path("/{token}")
    @Operation(summary = "Unsubscribe page", description = "A page with a button that confirms the unsubscribe.")
    @APIResponse(
            responseCode = "200",
            description = "the confirmation page",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(
            responseCode = "404",
            description = "altered or forged link",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    public Response confirmPage(@PathParam("token") String token) {
        if (tokens.verify(token, TrackingToken.Kind.UNSUBSCRIBE).isEmpty()) {
            return notFound();
        }
        return Response.ok(page(
                        "Unsubscribe",
                        "<p>Do you want to stop receiving these emails?</p>"
                                + "<form method=\"post\"><input type=\"hidden\" name=\"List-Unsubscribe\""
                                + " value=\"One-Click\"><button type=\"submit\">Unsubscribe</button></form>"))
                .build();
    }

    @POST
    @Path("/{token}")
    @Operation(
            summary = "Unsubscribe (RFC 8058 one-click)",
            description = "Suppresses the recipient tenant-wide and stops its sequences; repeating it changes nothing.")
    @APIResponse(
            responseCode = "200",
            description = "unsubscribed",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(
            responseCode = "404",
            description = "altered or forged link",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    public Response unsubscribe(
            @PathParam("token") String token, @HeaderParam(HttpHeaders.USER_AGENT) String userAgent) {
        Optional<TrackingToken> verified = tokens.verify(token, TrackingToken.Kind.UNSUBSCRIBE);
        if (verified.isEmpty() || !tracking.unsubscribe(verified.get(), userAgent)) {
            return notFound();
        }
        return Response.ok(page("Unsubscribed", "<p>You are unsubscribed and will not receive these emails again.</p>"))
                .build();
    }

    private static Response notFound() {
        return Response.status(Response.Status.NOT_FOUND).entity(INVALID).build();
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta name=\"robots\" content=\"noindex\">"
                + "<title>" + title + "</title></head><body>" + body + "</body></html>";
    }
}
