package io.penguinmails.campaign.rest;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What the OpenAPI document at {@code /q/openapi} says about the whole API: its tags and the error answers operations
 * refer to by name, all {@code application/problem+json}. The bearer JWT scheme comes from the
 * {@code quarkus.smallrye-openapi.security-scheme*} settings. This extends {@link Application} because that is where
 * the OpenAPI scanner reads the definition from; it adds no path of its own.
 */
@OpenAPIDefinition(
        info =
                @Info(
                        title = "PenguinMails campaign-service",
                        version = "1",
                        description =
                                "Tenants, workspace (companies, domains, mailboxes, leads, templates), campaigns and their"
                                        + " sequence engine, tracking and unsubscribe. Errors are application/problem+json."),
        tags = {
            @Tag(name = "tenants", description = "Operator: tenants and their tokens"),
            @Tag(name = "companies", description = "Workspaces of a tenant"),
            @Tag(name = "domains", description = "Sending domains and the DNS records they need"),
            @Tag(name = "email-accounts", description = "Mailboxes with SMTP and IMAP settings"),
            @Tag(name = "leads", description = "Leads, lead lists and CSV imports"),
            @Tag(name = "templates", description = "Personalised email templates"),
            @Tag(name = "campaigns", description = "Campaigns, their steps, enrollment and state"),
            @Tag(name = "suppressions", description = "Addresses never sent to"),
            @Tag(name = "tracking", description = "Public open pixel, click redirect and unsubscribe links"),
            @Tag(name = "keys", description = "Public keys that verify issued tokens")
        },
        components =
                @Components(
                        responses = {
                            @APIResponse(
                                    name = OpenApiDocument.BAD_REQUEST,
                                    responseCode = "400",
                                    description = "The body or a parameter is malformed",
                                    content =
                                            @Content(
                                                    mediaType = ProblemExceptionMapper.PROBLEM_JSON,
                                                    schema = @Schema(implementation = Problem.class))),
                            @APIResponse(
                                    name = OpenApiDocument.UNAUTHORIZED,
                                    responseCode = "401",
                                    description = "No valid bearer token",
                                    content =
                                            @Content(
                                                    mediaType = ProblemExceptionMapper.PROBLEM_JSON,
                                                    schema = @Schema(implementation = Problem.class))),
                            @APIResponse(
                                    name = OpenApiDocument.FORBIDDEN,
                                    responseCode = "403",
                                    description = "The token may not call this endpoint",
                                    content =
                                            @Content(
                                                    mediaType = ProblemExceptionMapper.PROBLEM_JSON,
                                                    schema = @Schema(implementation = Problem.class))),
                            @APIResponse(
                                    name = OpenApiDocument.NOT_FOUND,
                                    responseCode = "404",
                                    description = "The tenant has no such object",
                                    content =
                                            @Content(
                                                    mediaType = ProblemExceptionMapper.PROBLEM_JSON,
                                                    schema = @Schema(implementation = Problem.class))),
                            @APIResponse(
                                    name = OpenApiDocument.CONFLICT,
                                    responseCode = "409",
                                    description = "A duplicate, an object still in use or a refused state change",
                                    content =
                                            @Content(
                                                    mediaType = ProblemExceptionMapper.PROBLEM_JSON,
                                                    schema = @Schema(implementation = Problem.class))),
                            @APIResponse(
                                    name = OpenApiDocument.UNPROCESSABLE,
                                    responseCode = "422",
                                    description = "A field fails validation; the detail names it",
                                    content =
                                            @Content(
                                                    mediaType = ProblemExceptionMapper.PROBLEM_JSON,
                                                    schema = @Schema(implementation = Problem.class)))
                        }))
public class OpenApiDocument extends Application {

    /** The security scheme of bearer JWTs ({@code quarkus.smallrye-openapi.security-scheme-name}). */
    public static final String BEARER = "bearer";

    /** The component response for 400. */
    public static final String BAD_REQUEST = "BadRequest";

    /** The component response for 401. */
    public static final String UNAUTHORIZED = "Unauthorized";

    /** The component response for 403. */
    public static final String FORBIDDEN = "Forbidden";

    /** The component response for 404. */
    public static final String NOT_FOUND = "NotFound";

    /** The component response for 409. */
    public static final String CONFLICT = "Conflict";

    /** The component response for 422. */
    public static final String UNPROCESSABLE = "Unprocessable";
}
