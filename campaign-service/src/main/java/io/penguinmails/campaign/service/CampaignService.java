package io.penguinmails.campaign.service;

import io.penguinmails.campaign.Campaign;
import io.penguinmails.campaign.CampaignStep;
import io.penguinmails.campaign.EngagementSettings;
import io.penguinmails.campaign.repository.CampaignRepository;
import io.penguinmails.campaign.repository.CampaignShieldRepository;
import io.penguinmails.campaign.repository.EnrollmentRepository;
import io.penguinmails.campaign.repository.EnrollmentRepository.MissingValues;
import io.penguinmails.campaign.service.template.TemplateRenderer;
import io.penguinmails.campaign.service.template.TemplateService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Campaigns: creation with their mailboxes and steps, step edits that cannot corrupt leads in flight, enrollment and
 * the state machine {@code draft -> scheduled -> sending -> paused / completed}. Every state change is audited.
 */
@ApplicationScoped
public class CampaignService {

    /** Campaign statuses in which leads may still be enrolled. */
    static final Set<String> ENROLLABLE = Set.of("draft", "scheduled", "sending", "paused");

    private final CampaignRepository campaigns;
    private final EnrollmentRepository enrollments;
    private final CampaignShieldRepository engagement;
    private final TemplateService templates;
    private final AuditLog audit;
    private final Clock clock;

    CampaignService(
            CampaignRepository campaigns,
            EnrollmentRepository enrollments,
            CampaignShieldRepository engagement,
            TemplateService templates,
            AuditLog audit,
            Clock clock) {
        this.campaigns = campaigns;
        this.enrollments = enrollments;
        this.engagement = engagement;
        this.templates = templates;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Stores a draft campaign; unknown mailboxes or templates of the tenant, or a step's text that no lead could fill,
     * are a 422.
     */
    @Transactional
    public Campaign create(
            Campaign campaign,
            List<UUID> mailboxIds,
            List<CampaignStep> steps,
            EngagementSettings settings,
            String actor) {
        requireMailboxes(campaign.tenantId(), mailboxIds);
        requireTemplates(campaign.tenantId(), steps);
        requireFillableTexts(campaign.tenantId(), steps, 0);
        campaigns.insert(campaign, mailboxIds);
        engagement.saveSettings(campaign.tenantId(), campaign.id(), settings);
        campaigns.insertSteps(campaign.tenantId(), campaign.id(), steps);
        audit.record(
                "campaign.created",
                campaign.tenantId(),
                actor,
                campaign.id().toString(),
                Map.of("name", campaign.name()));
        return campaign;
    }

    /** The tenant's campaign. */
    public Optional<Campaign> find(UUID tenantId, UUID id) {
        return campaigns.find(tenantId, id);
    }

    /** The tenant's campaigns, newest first. */
    public List<Campaign> list(UUID tenantId, int limit) {
        return campaigns.list(tenantId, limit);
    }

    /** The engagement rules of the tenant's campaign. */
    public Optional<EngagementSettings> engagement(UUID tenantId, UUID id) {
        return engagement.settings(tenantId, id).map(CampaignShieldRepository.Settings::engagement);
    }

    /**
     * Changes the engagement rules of a campaign in any status; they apply from the next bounce or out-of-office on.
     *
     * @param change the new rules given the current ones; it may refuse them with a 400
     */
    @Transactional
    public EngagementSettings updateEngagement(
            UUID tenantId, UUID id, UnaryOperator<EngagementSettings> change, String actor) {
        campaigns.lock(tenantId, id).orElseThrow(() -> notFound(id));
        EngagementSettings updated = change.apply(engagement(tenantId, id).orElseThrow(() -> notFound(id)));
        engagement.saveSettings(tenantId, id, updated);
        audit.record(
                "campaign.settings_updated",
                tenantId,
                actor,
                id.toString(),
                Map.of(
                        "bounce_shield_threshold",
                        updated.bounceShieldThreshold().toPlainString(),
                        "ooo_pause_days",
                        String.valueOf(updated.oooPauseDays())));
        return updated;
    }

    /** The steps of a campaign. */
    public List<CampaignStep> steps(UUID campaignId) {
        return campaigns.steps(campaignId);
    }

    /** The mailbox ids of a campaign. */
    public List<UUID> mailboxes(UUID campaignId) {
        return campaigns.mailboxIds(campaignId);
    }

    /** Enrollment counts by status per campaign. */
    public Map<UUID, Map<String, Long>> enrollmentCounts(List<UUID> campaignIds) {
        return campaigns.enrollmentCounts(campaignIds);
    }

    /**
     * Replaces the steps. A draft takes any steps. Once started, the steps up to the furthest any lead has reached
     * (its current step included, which may be running right now) must stay exactly as they are: only later steps may
     * change, be removed or be added. Anything else is a 409.
     */
    @Transactional
    public List<CampaignStep> replaceSteps(UUID tenantId, UUID id, List<CampaignStep> steps, String actor) {
        Campaign campaign = campaigns.lock(tenantId, id).orElseThrow(() -> notFound(id));
        if ("completed".equals(campaign.status())) {
            throw conflict("a completed campaign's steps cannot change");
        }
        requireTemplates(tenantId, steps);
        List<CampaignStep> current = campaigns.steps(id);
        int keep = "draft".equals(campaign.status()) ? 0 : Math.min(campaigns.reachedStep(id), current.size());
        // Steps leads have reached cannot change anyway, so only the editable ones are held to the rule.
        requireFillableTexts(tenantId, steps, Math.min(keep, steps.size()));
        if (steps.size() < keep) {
            throw conflict("leads have reached step " + keep + "; steps 1.." + keep + " cannot be removed");
        }
        for (int i = 0; i < keep; i++) {
            if (!current.get(i).sameDefinition(steps.get(i))) {
                throw conflict("leads have reached step " + keep + "; steps 1.." + keep
                        + " cannot be changed or reordered (step " + (i + 1) + " differs)");
            }
        }
        campaigns.replaceStepsAfter(tenantId, id, keep, steps.subList(keep, steps.size()));
        audit.record(
                "campaign.steps_updated",
                tenantId,
                actor,
                id.toString(),
                Map.of("steps", String.valueOf(steps.size()), "kept", String.valueOf(keep)));
        return campaigns.steps(id);
    }

    /**
     * Enrolls a list's leads or the given leads. Suppressed leads, and leads without a value for a variable the
     * campaign's emails use without fallback (they could never be sent to), are reported, not enrolled.
     */
    @Transactional
    public EnrollResult enroll(UUID tenantId, UUID id, String listName, List<UUID> leadIds, String actor) {
        Campaign campaign = campaigns.lock(tenantId, id).orElseThrow(() -> notFound(id));
        if (!ENROLLABLE.contains(campaign.status())) {
            throw conflict("a " + campaign.status() + " campaign takes no new leads");
        }
        List<UUID> leads = listName != null ? listMembers(tenantId, listName) : knownLeads(tenantId, leadIds);
        List<String> suppressed = enrollments.suppressedEmails(tenantId, leads);
        List<MissingValues> missing = enrollments.missingValues(
                tenantId, id, leads, templates.requiredVariables(tenantId, campaigns.steps(id)));
        int added = enrollments.enroll(tenantId, id, withoutMissing(leads, missing), clock.instant());
        int already = Math.max(0, leads.size() - suppressed.size() - missing.size() - added);
        audit.record(
                "campaign.enrolled",
                tenantId,
                actor,
                id.toString(),
                Map.of(
                        "enrolled", String.valueOf(added),
                        "suppressed", String.valueOf(suppressed.size()),
                        "missing_values", String.valueOf(missing.size())));
        return new EnrollResult(added, already, suppressed, missing);
    }

    /** draft -> scheduled (sending begins at {@code startAt}, default now, when the engine next runs). */
    @Transactional
    public Campaign start(UUID tenantId, UUID id, Instant startAt, String actor) {
        Campaign campaign = transition(tenantId, id, Set.of("draft"), "start");
        if (campaigns.enrollmentCounts(List.of(id)).isEmpty()) {
            throw conflict("enroll leads before starting the campaign");
        }
        Instant at = startAt != null ? startAt : clock.instant();
        campaigns.updateStatus(id, "scheduled", "scheduled_at", at);
        audit.record("campaign.scheduled", tenantId, actor, id.toString(), Map.of("scheduled_at", at.toString()));
        return campaigns.find(tenantId, id).orElse(campaign);
    }

    /** scheduled or sending -> paused: the engine stops claiming its leads; sends already claimed finish. */
    @Transactional
    public Campaign pause(UUID tenantId, UUID id, String actor) {
        Campaign campaign = transition(tenantId, id, Set.of("scheduled", "sending"), "pause");
        campaigns.updateStatus(id, "paused", null, null);
        audit.record("campaign.paused", tenantId, actor, id.toString(), Map.of("from", campaign.status()));
        return campaigns.find(tenantId, id).orElse(campaign);
    }

    /** paused -> sending, or back to scheduled when it never started sending. */
    @Transactional
    public Campaign resume(UUID tenantId, UUID id, String actor) {
        Campaign campaign = transition(tenantId, id, Set.of("paused"), "resume");
        String next = campaign.startedAt() == null ? "scheduled" : "sending";
        campaigns.updateStatus(id, next, null, null);
        audit.record("campaign.resumed", tenantId, actor, id.toString(), Map.of("to", next));
        return campaigns.find(tenantId, id).orElse(campaign);
    }

    private Campaign transition(UUID tenantId, UUID id, Set<String> from, String action) {
        Campaign campaign = campaigns.lock(tenantId, id).orElseThrow(() -> notFound(id));
        if (!from.contains(campaign.status())) {
            throw conflict("cannot " + action + " a " + campaign.status() + " campaign");
        }
        return campaign;
    }

    private List<UUID> listMembers(UUID tenantId, String listName) {
        UUID listId = enrollments
                .listId(tenantId, listName)
                .orElseThrow(() -> new NotFoundException("no lead list named " + listName));
        return enrollments.members(tenantId, listId);
    }

    private List<UUID> knownLeads(UUID tenantId, List<UUID> leadIds) {
        Set<UUID> wanted = new LinkedHashSet<>(leadIds);
        Set<UUID> found = new HashSet<>(enrollments.existingLeads(tenantId, wanted));
        if (found.size() != wanted.size()) {
            wanted.removeAll(found);
            throw unprocessable("unknown lead ids: "
                    + wanted.stream().limit(10).map(UUID::toString).collect(Collectors.joining(", ")));
        }
        return List.copyOf(wanted);
    }

    private static List<UUID> withoutMissing(List<UUID> leads, List<MissingValues> missing) {
        if (missing.isEmpty()) {
            return leads;
        }
        Set<UUID> skipped = missing.stream().map(MissingValues::leadId).collect(Collectors.toSet());
        return leads.stream().filter(lead -> !skipped.contains(lead)).toList();
    }

    /**
     * Subject overrides follow the template rule (a placeholder without fallback must be fillable); from-name overrides
     * are sent as they are, so a placeholder there would reach recipients literally and is refused.
     */
    private void requireFillableTexts(UUID tenantId, List<CampaignStep> steps, int from) {
        for (int i = from; i < steps.size(); i++) {
            CampaignStep step = steps.get(i);
            List<String> unknown = templates.unknownVariables(tenantId, step.subjectOverride());
            if (!unknown.isEmpty()) {
                throw unprocessable("steps[" + i + "].subject_override uses unknown variables without fallback: "
                        + String.join(", ", unknown)
                        + " (use a lead field, a custom field your leads have, or a fallback like {{name|there}})");
            }
            if (!TemplateRenderer.placeholders(step.fromNameOverride()).isEmpty()) {
                throw unprocessable("steps[" + i + "].from_name_override is sent as it is and cannot hold {{...}}"
                        + " placeholders");
            }
        }
    }

    private void requireMailboxes(UUID tenantId, List<UUID> ids) {
        Set<UUID> found = campaigns.existingMailboxes(tenantId, ids);
        List<UUID> missing = ids.stream().filter(id -> !found.contains(id)).toList();
        if (!missing.isEmpty()) {
            throw unprocessable("unknown email_account_ids: " + missing);
        }
    }

    private void requireTemplates(UUID tenantId, List<CampaignStep> steps) {
        Set<UUID> wanted = steps.stream()
                .map(CampaignStep::templateId)
                .filter(java.util.Objects::nonNull)
                .collect(Collectors.toSet());
        if (wanted.isEmpty()) {
            return;
        }
        Set<UUID> found = campaigns.existingTemplates(tenantId, wanted);
        List<UUID> missing = wanted.stream().filter(id -> !found.contains(id)).toList();
        if (!missing.isEmpty()) {
            throw unprocessable("unknown template_id: " + missing);
        }
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("no campaign " + id);
    }

    private static ClientErrorException conflict(String message) {
        return new ClientErrorException(message, 409);
    }

    private static ClientErrorException unprocessable(String message) {
        return new ClientErrorException(message, 422);
    }

    /**
     * What an enrollment did.
     *
     * @param alreadyEnrolled leads that were in the campaign before
     * @param suppressed the suppressed addresses that were left out
     * @param missingValues the leads left out because they lack values the campaign's emails need
     */
    public record EnrollResult(
            int enrolled, int alreadyEnrolled, List<String> suppressed, List<MissingValues> missingValues) {}
}
