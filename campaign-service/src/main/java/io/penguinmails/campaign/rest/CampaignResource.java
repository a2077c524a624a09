package io.penguinmails.campaign.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.penguinmails.campaign.Campaign;
import io.penguinmails.campaign.CampaignStep;
import io.penguinmails.campaign.EngagementSettings;
import io.penguinmails.campaign.config.EngagementConfig;
import io.penguinmails.campaign.config.EngineConfig;
import io.penguinmails.campaign.security.CurrentTenant;
import io.penguinmails.campaign.security.Roles;
import io.penguinmails.campaign.service.CampaignService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/**
 * Campaigns of the caller's tenant: create with steps, read with enrollment counts, edit steps safely, enroll leads
 * and move through {@code draft -> scheduled -> sending -> paused / completed}. Invalid transitions are a 409.
 */
@Path("/v1/campaigns")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.TENANT)
@Tag(name = "campaigns")
@SecurityRequirement(name = OpenApiDocument.BEARER)
@APIResponse(responseCode = "401", ref = OpenApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = OpenApiDocument.FORBIDDEN)
public class CampaignResource {

    private static final int MAX_LIST = 500;

    private final CampaignService campaigns;
    private final CurrentTenant tenant;
    private final EngineConfig engine;
    private final EngagementConfig engagement;

    CampaignResource(
            CampaignService campaigns, CurrentTenant tenant, EngineConfig engine, EngagementConfig engagement) {
        this.campaigns = campaigns;
        this.tenant = tenant;
        this.engine = engine;
        this.engagement = engagement;
    }

    /** Creates a draft campaign. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @Operation(summary = "Create a draft campaign with its mailboxes and steps")
    @APIResponse(
            responseCode = "201",
            description = "the new campaign's id",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Created.class)))
    @APIResponse(responseCode = "400", ref = OpenApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "422", ref = OpenApiDocument.UNPROCESSABLE)
    public Created create(CampaignRequests.Create body) {
        UUID tenantId = tenant.id();
        Campaign campaign = CampaignParser.campaign(
                body, tenantId, engine.defaultMinSpacingSeconds(), engine.defaultMaxSpacingSeconds());
        List<UUID> mailboxes = CampaignParser.mailboxes(body.emailAccountIds());
        List<CampaignStep> steps = CampaignParser.steps(body.steps(), ZoneId.of(campaign.timezone()));
        EngagementSettings settings =
                CampaignParser.engagement(body.bounceShield(), body.oooPauseDays(), EngagementSettings.DEFAULTS);
        return new Created(
                campaigns.create(campaign, mailboxes, steps, settings, actor()).id());
    }

    /** Changes the engagement rules (bounce shield threshold, out-of-office pause); other fields are left alone. */
    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public CampaignView updateSettings(@PathParam("id") UUID id, CampaignRequests.Settings body) {
        if (body == null) {
            throw new BadRequestException("a JSON body with bounce_shield or ooo_pause_days is required");
        }
        campaigns.updateEngagement(
                tenant.id(),
                id,
                current -> CampaignParser.engagement(body.bounceShield(), body.oooPauseDays(), current),
                actor());
        return view(find(id));
    }

    /** The tenant's campaigns, newest first, with enrollment counts. */
    @GET
    @Operation(summary = "The tenant's campaigns, newest first, with enrollment counts")
    @APIResponse(responseCode = "200", description = "the campaigns")
    @APIResponse(responseCode = "400", ref = OpenApiDocument.BAD_REQUEST)
    public List<CampaignView> list(@QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > MAX_LIST) {
            throw new BadRequestException("limit must be 1 to " + MAX_LIST);
        }
        List<Campaign> found = campaigns.list(tenant.id(), limit);
        Map<UUID, Map<String, Long>> counts =
                campaigns.enrollmentCounts(found.stream().map(Campaign::id).toList());
        return found.stream()
                .map(campaign -> CampaignView.of(
                        campaign,
                        campaigns.mailboxes(campaign.id()),
                        null,
                        counts.getOrDefault(campaign.id(), Map.of()),
                        null,
                        engagement))
                .toList();
    }

    /** One campaign with its steps and enrollment counts. */
    @GET
    @Path("/{id}")
    @Operation(summary = "One campaign with its steps and enrollment counts")
    @APIResponse(responseCode = "200", description = "the campaign")
    @APIResponse(responseCode = "404", ref = OpenApiDocument.NOT_FOUND)
    public CampaignView get(@PathParam("id") UUID id) {
        return view(find(id));
    }

    /** Replaces the steps within the rule of {@link CampaignService#replaceSteps}. */
    @PUT
    @Path("/{id}/steps")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Replace the steps",
            description =
                    "Steps leads have reached must stay as they are; later ones may change, be removed or be added.")
    @APIResponse(responseCode = "200", description = "the campaign with its new steps")
    @APIResponse(responseCode = "400", ref = OpenApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = OpenApiDocument.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = OpenApiDocument.CONFLICT)
    @APIResponse(responseCode = "422", ref = OpenApiDocument.UNPROCESSABLE)
    public CampaignView replaceSteps(@PathParam("id") UUID id, CampaignRequests.Steps body) {
        Campaign campaign = find(id);
        if (body == null) {
            throw new BadRequestException("a JSON body with steps is required");
        }
        List<CampaignStep> steps = CampaignParser.steps(body.steps(), ZoneId.of(campaign.timezone()));
        campaigns.replaceSteps(tenant.id(), id, steps, actor());
        return view(find(id));
    }

    /** Enrolls a list ({@code {"list": NAME}}) or leads ({@code {"lead_ids": [...]}}); idempotent. */
    @POST
    @Path("/{id}/enroll")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Enroll a lead list or lead ids",
            description =
                    "Idempotent. Suppressed leads and leads without a value the emails need are reported, not enrolled.")
    @APIResponse(responseCode = "200", description = "what was enrolled and what was left out")
    @APIResponse(responseCode = "400", ref = OpenApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = OpenApiDocument.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = OpenApiDocument.CONFLICT)
    @APIResponse(responseCode = "422", ref = OpenApiDocument.UNPROCESSABLE)
    public Enrolled enroll(@PathParam("id") UUID id, CampaignRequests.Enroll body) {
        boolean byList = body != null && body.list() != null && !body.list().isBlank();
        boolean byIds =
                body != null && body.leadIds() != null && !body.leadIds().isEmpty();
        if (byList == byIds) {
            throw new BadRequestException("give either list (a lead list name) or lead_ids");
        }
        if (byIds && (body.leadIds().size() > 10_000 || body.leadIds().contains(null))) {
            throw new BadRequestException("lead_ids must hold 1 to 10000 ids");
        }
        CampaignService.EnrollResult result = campaigns.enroll(
                tenant.id(), id, byList ? body.list().strip() : null, byIds ? body.leadIds() : null, actor());
        return Enrolled.of(result);
    }

    /** draft -> scheduled; the engine moves it to sending at {@code start_at} (ISO-8601, default now). */
    @POST
    @Path("/{id}/start")
    @Operation(summary = "Schedule a draft campaign (draft -> scheduled)")
    @APIResponse(responseCode = "200", description = "the scheduled campaign")
    @APIResponse(responseCode = "400", ref = OpenApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = OpenApiDocument.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = OpenApiDocument.CONFLICT)
    public CampaignView start(@PathParam("id") UUID id, @QueryParam("start_at") String startAt) {
        campaigns.start(tenant.id(), id, startAt == null ? null : instant(startAt), actor());
        return view(find(id));
    }

    private static java.time.Instant instant(String text) {
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new BadRequestException("start_at must be an ISO-8601 date-time with offset");
        }
    }

    /** scheduled / sending -> paused. */
    @POST
    @Path("/{id}/pause")
    @Operation(summary = "Pause a scheduled or sending campaign")
    @APIResponse(responseCode = "200", description = "the paused campaign")
    @APIResponse(responseCode = "404", ref = OpenApiDocument.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = OpenApiDocument.CONFLICT)
    public CampaignView pause(@PathParam("id") UUID id) {
        campaigns.pause(tenant.id(), id, actor());
        return view(find(id));
    }

    /** paused -> sending (or scheduled when it never started). */
    @POST
    @Path("/{id}/resume")
    @Operation(summary = "Resume a paused campaign")
    @APIResponse(responseCode = "200", description = "the resumed campaign")
    @APIResponse(responseCode = "404", ref = OpenApiDocument.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = OpenApiDocument.CONFLICT)
    public CampaignView resume(@PathParam("id") UUID id) {
        campaigns.resume(tenant.id(), id, actor());
        return view(find(id));
    }

    private Campaign find(UUID id) {
        return campaigns.find(tenant.id(), id).orElseThrow(() -> new NotFoundException("no campaign " + id));
    }

    private CampaignView view(Campaign campaign) {
        Map<String, Long> counts =
                campaigns.enrollmentCounts(List.of(campaign.id())).getOrDefault(campaign.id(), Map.of());
        return CampaignView.of(
                campaign,
                campaigns.mailboxes(campaign.id()),
                campaigns.steps(campaign.id()),
                counts,
                campaigns.engagement(tenant.id(), campaign.id()).orElse(null),
                engagement);
    }

    private String actor() {
        return "tenant:" + tenant.id();
    }

    /** The answer to a create. */
    public record Created(UUID id) {}

    /**
     * The answer to an enrollment; {@code missing_values_leads} lists the first {@value #MAX_MISSING_LISTED} of the
     * {@code missing_values} leads that were left out for lack of a value.
     */
    public record Enrolled(
            int enrolled,
            @JsonProperty("already_enrolled") int alreadyEnrolled,
            int suppressed,
            @JsonProperty("suppressed_emails") List<String> suppressedEmails,
            @JsonProperty("missing_values") int missingValues,
            @JsonProperty("missing_values_leads") List<MissingValuesLead> missingValuesLeads) {

        static final int MAX_MISSING_LISTED = 100;

        static Enrolled of(CampaignService.EnrollResult result) {
            List<MissingValuesLead> listed = result.missingValues().stream()
                    .limit(MAX_MISSING_LISTED)
                    .map(lead -> new MissingValuesLead(lead.leadId(), lead.email(), lead.variables()))
                    .toList();
            return new Enrolled(
                    result.enrolled(),
                    result.alreadyEnrolled(),
                    result.suppressed().size(),
                    result.suppressed(),
                    result.missingValues().size(),
                    listed);
        }
    }

    /** A lead that was not enrolled: it has no value for these variables, which the campaign uses without fallback. */
    public record MissingValuesLead(@JsonProperty("lead_id") UUID leadId, String email, List<String> variables) {}
}
