package io.penguinmails.analytics.rest;

import io.penguinmails.analytics.DailyAnalytics;
import io.penguinmails.analytics.config.AnalyticsConfig;
import io.penguinmails.analytics.mapping.AnalyticsViews;
import io.penguinmails.analytics.repository.AggregateRepository;
import io.penguinmails.analytics.repository.DailyAnalyticsRepository;
import io.penguinmails.analytics.repository.TenantSettingsRepository;
import io.penguinmails.analytics.security.CurrentTenant;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The tenant's analytics, read from the aggregates. Every query is filtered by the {@code tenant_id} of the bearer
 * token, so another tenant's events are never visible. Days are days of the events' {@code occurred_at} in the
 * tenant's time zone (UTC unless set at {@code /v1/analytics/settings}). Opens and clicks count once per message.
 */
@Path("/v1/analytics")
@RolesAllowed("tenant")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "analytics")
public class AnalyticsResource {

    private final DailyAnalyticsRepository daily;
    private final AggregateRepository aggregates;
    private final TenantSettingsRepository settings;
    private final AnalyticsConfig.MailboxHealth health;
    private final CurrentTenant tenant;

    AnalyticsResource(
            DailyAnalyticsRepository daily,
            AggregateRepository aggregates,
            TenantSettingsRepository settings,
            AnalyticsConfig config,
            CurrentTenant tenant) {
        this.daily = daily;
        this.aggregates = aggregates;
        this.settings = settings;
        this.health = config.mailboxHealth();
        this.tenant = tenant;
    }

    /**
     * Daily rows from {@code from} to {@code to} (inclusive, {@code YYYY-MM-DD}; default the last 30 days up to the
     * tenant's today, at most 366 days), optionally only one campaign's or one mailbox's. A malformed or inverted range
     * is a 400.
     */
    @GET
    @Path("/daily")
    @Operation(summary = "Daily counts and rates per campaign and mailbox")
    public DailyResponse daily(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("campaign_id") String campaignId,
            @QueryParam("mailbox_id") String mailboxId) {
        LocalDate today = LocalDate.now(settings.timeZone(tenant.id()));
        DateRange range = DateRange.parse(from, to, today);
        List<DailyAnalytics> rows =
                daily.daily(tenant.id(), range.from(), range.to(), blankToNull(campaignId), blankToNull(mailboxId));
        return new DailyResponse(rows.stream().map(AnalyticsViews::day).toList());
    }

    /**
     * A campaign's totals over all days. A campaign without counted events, or one this service has never heard of,
     * answers zeros rather than 404: campaigns live in campaign-service, so analytics cannot tell "unknown" from "no
     * events yet", and zeros reveal nothing since only the caller's own tenant's events are summed.
     */
    @GET
    @Path("/campaigns/{id}")
    @Operation(summary = "A campaign's counts and rates over all days")
    public CampaignView campaign(@PathParam("id") String campaignId) {
        return AnalyticsViews.campaign(campaignId, aggregates.campaign(tenant.id(), campaignId));
    }

    /** A campaign's totals per sequence step; they add up to the campaign's totals. Unknown campaign: no steps. */
    @GET
    @Path("/campaigns/{id}/steps")
    @Operation(summary = "A campaign's counts and rates per sequence step")
    public StepsResponse steps(@PathParam("id") String campaignId) {
        List<StepView> steps = aggregates.steps(tenant.id(), campaignId).entrySet().stream()
                .map(step -> AnalyticsViews.step(step.getKey(), step.getValue()))
                .toList();
        return new StepsResponse(campaignId, steps);
    }

    /** The tenant's mailboxes with volume, bounce and reply rates and a health label. */
    @GET
    @Path("/mailboxes")
    @Operation(summary = "Volume, bounce rate, reply rate and health per mailbox")
    public MailboxesResponse mailboxes() {
        List<MailboxView> mailboxes = aggregates.mailboxes(tenant.id()).entrySet().stream()
                .map(mailbox -> AnalyticsViews.mailbox(mailbox.getKey(), mailbox.getValue(), health))
                .toList();
        return new MailboxesResponse(mailboxes);
    }

    /** The tenant's totals over all campaigns, mailboxes and days, including received (inbound) mail. */
    @GET
    @Path("/overview")
    @Operation(summary = "The tenant's counts and rates over everything")
    public OverviewView overview() {
        return AnalyticsViews.overview(daily.totals(tenant.id(), null));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
