package io.penguinmails.campaign.service.engine;

import io.penguinmails.campaign.Campaign;
import io.penguinmails.campaign.CampaignStep;
import io.penguinmails.campaign.DueEnrollment;
import io.penguinmails.campaign.MailboxState;
import io.penguinmails.campaign.TemplateContent;
import io.penguinmails.campaign.config.EngineConfig;
import io.penguinmails.campaign.repository.EngineRepository.EnrollmentState;
import io.penguinmails.campaign.repository.EngineRepository.OutboundRef;
import io.penguinmails.contracts.StorageKeys;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiPredicate;

/**
 * Runs the due steps of one claimed batch in memory, inside the claim transaction: waits and conditions advance at
 * once, an email step either waits (window, spacing, limits, unusable mailbox) or becomes a {@link SendTask} whose
 * claim, mailbox reservation and spacing are written before any SMTP call. Not thread-safe; one per batch.
 */
final class BatchPlanner {

    private final Instant now;
    private final LocalDate today;
    private final EngineConfig config;
    private final Context context;
    private final BiPredicate<UUID, String> suppressed;

    private final List<EnrollmentState> states = new ArrayList<>();
    private final List<SendTask> sends = new ArrayList<>();
    private final List<OutboundRef> unknownOutcomes = new ArrayList<>();
    private final List<HandedBack> handedBack = new ArrayList<>();
    private final Map<UUID, Integer> executions = new HashMap<>();
    private final Map<UUID, Instant> nextSendAt = new HashMap<>();

    BatchPlanner(Instant now, EngineConfig config, Context context, BiPredicate<UUID, String> suppressed) {
        this.now = now;
        this.today = now.atZone(ZoneOffset.UTC).toLocalDate();
        this.config = config;
        this.context = context;
        this.suppressed = suppressed;
    }

    /** What a batch needs to know, loaded (and locked) in the claim transaction. */
    record Context(
            Map<UUID, Campaign> campaigns,
            Map<UUID, List<CampaignStep>> steps,
            Map<UUID, List<UUID>> campaignMailboxes,
            Map<UUID, MailboxState> mailboxes,
            Map<UUID, Integer> usage,
            Map<UUID, TemplateContent> templates) {}

    /** A claim that never reached its SMTP call, handed back: the mailbox send it reserved on {@code day} returns. */
    record HandedBack(UUID tenantId, UUID mailboxId, LocalDate day) {}

    /** Runs the enrollment's due steps; enrollments of campaigns no longer sending are left alone. */
    void plan(DueEnrollment due) {
        Campaign campaign = context.campaigns().get(due.campaignId());
        if (campaign == null || !"sending".equals(campaign.status())) {
            return;
        }
        Progress progress = new Progress(due);
        if (due.sendingMessageId() != null && due.sendingStartedAt() != null) {
            settleUnknownOutcome(due, progress);
        } else if (due.sendingMessageId() != null) {
            handBack(due, progress);
        }
        List<CampaignStep> steps = context.steps().getOrDefault(campaign.id(), List.of());
        runSteps(due, campaign, steps, progress);
        states.add(progress.toState());
    }

    private void runSteps(DueEnrollment due, Campaign campaign, List<CampaignStep> steps, Progress progress) {
        // Each pass of the loop executes one step; conditions and past waits chain, an email or a future wait stops.
        for (int guard = 0; guard <= steps.size() + 1; guard++) {
            if (progress.stepOrder > steps.size()) {
                progress.complete(now);
                return;
            }
            CampaignStep step = steps.get(progress.stepOrder - 1);
            switch (step.stepType()) {
                case "wait" -> {
                    count(step);
                    progress.stepOrder++;
                    progress.nextRunAt = waitEnd(step);
                    if (progress.nextRunAt.isAfter(now)) {
                        return;
                    }
                }
                case "condition" -> {
                    count(step);
                    progress.stepOrder += holds(step.conditionType(), due) ? 1 : 2;
                    progress.nextRunAt = now;
                }
                default -> {
                    planEmail(due, campaign, step, progress);
                    return;
                }
            }
        }
    }

    private Instant waitEnd(CampaignStep step) {
        if (step.waitUntil() != null) {
            return step.waitUntil().isAfter(now) ? step.waitUntil() : now;
        }
        return now.plus(Duration.ofMinutes(step.waitMinutes()));
    }

    /** The condition semantics of docs/campaign.md, over the lead's engagement in this campaign so far. */
    static boolean holds(String condition, DueEnrollment due) {
        return switch (condition) {
            case "no_reply" -> due.repliedAt() == null;
            case "no_open" -> due.openedAt() == null;
            case "no_click" -> due.clickedAt() == null;
            default -> true;
        };
    }

    private void planEmail(DueEnrollment due, Campaign campaign, CampaignStep step, Progress progress) {
        SendingWindow window = window(campaign, due.timezone());
        if (!window.contains(now)) {
            progress.nextRunAt = window.nextOpening(now);
            return;
        }
        if (suppressed.test(due.tenantId(), due.email())) {
            progress.stop("suppressed", now, "the address is on the suppression list");
            return;
        }
        MailboxState mailbox = chooseMailbox(due, campaign, progress);
        if (mailbox == null) {
            return;
        }
        claim(due, campaign, step, mailbox, progress);
    }

    private void claim(
            DueEnrollment due, Campaign campaign, CampaignStep step, MailboxState mailbox, Progress progress) {
        String messageId = "<" + UUID.randomUUID() + "@" + mailbox.domain() + ">";
        context.usage().merge(mailbox.id(), 1, Integer::sum);
        nextSendAt.put(mailbox.id(), now.plusSeconds(spacing(campaign)));
        progress.sendingMessageId = messageId;
        progress.sendingEmailAccountId = mailbox.id();
        progress.sendingSince = now;
        progress.nextRunAt = now.plus(config.sendLease());
        TemplateContent template = context.templates().get(step.templateId());
        sends.add(new SendTask(due, campaign, step, mailbox, template, messageId, now, today));
    }

    private long spacing(Campaign campaign) {
        int min = campaign.minSpacingSeconds();
        int max = Math.max(min, campaign.maxSpacingSeconds());
        return min == max ? min : ThreadLocalRandom.current().nextLong(min, max + 1L);
    }

    /**
     * The mailbox to send from now, or null after setting when to try again. A lead that was sent to before stays on
     * its mailbox (so follow-ups thread); a first email rotates to the least-used mailbox today that may send now.
     */
    private MailboxState chooseMailbox(DueEnrollment due, Campaign campaign, Progress progress) {
        List<MailboxState> candidates = new ArrayList<>();
        if (due.emailAccountId() != null) {
            MailboxState sticky = context.mailboxes().get(due.emailAccountId());
            if (sticky != null) {
                candidates.add(sticky);
            }
        } else {
            for (UUID id : context.campaignMailboxes().getOrDefault(campaign.id(), List.of())) {
                MailboxState mailbox = context.mailboxes().get(id);
                if (mailbox != null) {
                    candidates.add(mailbox);
                }
            }
        }
        return pick(candidates, progress);
    }

    private MailboxState pick(List<MailboxState> candidates, Progress progress) {
        MailboxState best = null;
        Instant earliestFree = null;
        boolean anyUsable = false;
        for (MailboxState mailbox : candidates) {
            if (!mailbox.usable()) {
                continue;
            }
            anyUsable = true;
            int used = context.usage().getOrDefault(mailbox.id(), 0);
            if (used >= mailbox.limitOn(today)) {
                continue;
            }
            Instant free = nextSendAt.getOrDefault(mailbox.id(), mailbox.nextSendAt());
            if (free != null && free.isAfter(now)) {
                earliestFree = earliestFree == null || free.isBefore(earliestFree) ? free : earliestFree;
                continue;
            }
            if (best == null || used < context.usage().getOrDefault(best.id(), 0)) {
                best = mailbox;
            }
        }
        if (best == null) {
            progress.nextRunAt = !anyUsable
                    ? now.plus(config.mailboxUnavailableRetry())
                    : earliestFree != null
                            ? earliestFree
                            : today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        return best;
    }

    private static SendingWindow window(Campaign campaign, String leadZone) {
        return new SendingWindow(
                Set.copyOf(campaign.windowDays()),
                campaign.windowStart(),
                campaign.windowEnd(),
                zone(leadZone, campaign.timezone()));
    }

    private static ZoneId zone(String leadZone, String campaignZone) {
        if (leadZone != null && !leadZone.isBlank()) {
            try {
                return ZoneId.of(leadZone.strip());
            } catch (DateTimeException e) {
                // An unknown zone in imported data falls back to the campaign's rather than stopping the lead.
            }
        }
        return ZoneId.of(campaignZone);
    }

    /**
     * A claim whose lease ran out before its SMTP call started (its process stopped, or its queue outlasted the lease):
     * nothing went out, so its reservation is returned and the step is planned again at once, under a new Message-ID.
     * The old sender, if still alive, finds the claim gone when it tries to mark it started, and drops it.
     */
    private void handBack(DueEnrollment due, Progress progress) {
        UUID mailboxId = due.sendingEmailAccountId();
        LocalDate day = due.sendingSince() == null
                ? today
                : due.sendingSince().atZone(ZoneOffset.UTC).toLocalDate();
        handedBack.add(new HandedBack(due.tenantId(), mailboxId, day));
        if (day.equals(today)) {
            context.usage().computeIfPresent(mailboxId, (id, used) -> Math.max(0, used - 1));
        }
        progress.sendingMessageId = null;
        progress.sendingEmailAccountId = null;
        progress.sendingSince = null;
    }

    /**
     * A claim left by a process that stopped after its SMTP call started and before its outcome was recorded: the
     * server may have accepted the mail, so it is never sent again. The step counts as done, the reference is kept so
     * replies still match.
     */
    private void settleUnknownOutcome(DueEnrollment due, Progress progress) {
        CampaignStep step = context.steps().get(due.campaignId()).get(due.stepOrder() - 1);
        count(step);
        UUID mailboxId = due.sendingEmailAccountId();
        unknownOutcomes.add(new OutboundRef(
                due.tenantId(),
                mailboxId,
                due.campaignId(),
                step.id(),
                due.leadId(),
                due.id(),
                due.sendingMessageId(),
                due.threadMessageId(),
                StorageKeys.forMessageId(due.tenantId().toString(), mailboxId.toString(), due.sendingMessageId()),
                null,
                now));
        progress.emailAccountId = progress.emailAccountId == null ? mailboxId : progress.emailAccountId;
        progress.threadMessageId = progress.threadMessageId == null ? due.sendingMessageId() : progress.threadMessageId;
        progress.stepOrder++;
        progress.lastError =
                "send outcome unknown: the engine stopped during the SMTP call, before recording its outcome";
        progress.sendingMessageId = null;
        progress.sendingEmailAccountId = null;
        progress.sendingSince = null;
    }

    private void count(CampaignStep step) {
        executions.merge(step.id(), 1, Integer::sum);
    }

    List<EnrollmentState> states() {
        return states;
    }

    List<SendTask> sends() {
        return sends;
    }

    List<OutboundRef> unknownOutcomes() {
        return unknownOutcomes;
    }

    Map<UUID, Integer> executions() {
        return executions;
    }

    List<HandedBack> handedBack() {
        return handedBack;
    }

    Map<UUID, Instant> nextSendAt() {
        return nextSendAt;
    }

    LocalDate today() {
        return today;
    }

    /** Steps executed in memory (waits, conditions, unknown outcomes); sends count when they settle. */
    int executedCount() {
        return executions.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The mutable state of one enrollment while its steps run. */
    private static final class Progress {
        private final UUID id;
        private int stepOrder;
        private Instant nextRunAt;
        private String status = "active";
        private Instant finishedAt;
        private UUID emailAccountId;
        private final int attempts;
        private String lastError;
        private String sendingMessageId;
        private UUID sendingEmailAccountId;
        private Instant sendingSince;
        private String threadMessageId;

        Progress(DueEnrollment due) {
            this.id = due.id();
            this.stepOrder = due.stepOrder();
            this.emailAccountId = due.emailAccountId();
            this.attempts = due.attempts();
            this.threadMessageId = due.threadMessageId();
            this.sendingMessageId = due.sendingMessageId();
            this.sendingEmailAccountId = due.sendingEmailAccountId();
        }

        void complete(Instant at) {
            status = "completed";
            finishedAt = at;
            nextRunAt = null;
        }

        void stop(String terminal, Instant at, String reason) {
            status = terminal;
            finishedAt = at;
            nextRunAt = null;
            lastError = reason;
        }

        EnrollmentState toState() {
            return new EnrollmentState(
                    id,
                    stepOrder,
                    nextRunAt,
                    status,
                    finishedAt,
                    emailAccountId,
                    attempts,
                    lastError,
                    sendingMessageId,
                    sendingEmailAccountId,
                    sendingSince,
                    threadMessageId);
        }
    }
}
