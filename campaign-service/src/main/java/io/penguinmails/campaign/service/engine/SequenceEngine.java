package io.penguinmails.campaign.service.engine;

import io.penguinmails.campaign.CampaignStep;
import io.penguinmails.campaign.DueEnrollment;
import io.penguinmails.campaign.config.EngineConfig;
import io.penguinmails.campaign.repository.CampaignRepository;
import io.penguinmails.campaign.repository.EngineRepository;
import io.penguinmails.campaign.repository.EngineRepository.OutboundRef;
import io.penguinmails.campaign.repository.SuppressionRepository;
import io.penguinmails.campaign.service.AuditLog;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The sequence engine: a pass promotes scheduled campaigns whose time has come, then drains due enrollments in bounded
 * batches. Each batch is claimed with {@code FOR UPDATE SKIP LOCKED} and run in one short transaction (waits and
 * conditions complete there; email sends are claimed there), the claimed sends then go out in parallel over SMTP, each
 * marked started in a commit of its own right before its SMTP call and settled in its own transaction. A claim whose
 * lease ran out is recovered by whichever pass finds it: handed back and sent normally when it never started, settled
 * as "outcome unknown" (never sent again) when it did. Finally campaigns without active enrollments complete.
 */
@ApplicationScoped
public class SequenceEngine {

    /** The actor of state changes the engine makes, in the audit log. */
    public static final String ACTOR = "sequence-engine";

    private static final Logger LOG = Logger.getLogger(SequenceEngine.class);

    private final EngineRepository repository;
    private final SuppressionRepository suppressions;
    private final CampaignRepository campaigns;
    private final SendExecution sending;
    private final AuditLog audit;
    private final EngineConfig config;
    private final Clock clock;
    private final ExecutorService senders;

    SequenceEngine(
            EngineRepository repository,
            SuppressionRepository suppressions,
            CampaignRepository campaigns,
            SendExecution sending,
            AuditLog audit,
            EngineConfig config,
            Clock clock) {
        this.repository = repository;
        this.suppressions = suppressions;
        this.campaigns = campaigns;
        this.sending = sending;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
        AtomicInteger number = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(config.senderThreads(), runnable -> {
            Thread thread = new Thread(runnable, "engine-sender-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs one pass: at most {@code max-batches-per-run} batches. Returns the number of steps executed. */
    public int runPass() {
        promoteScheduled();
        int executed = 0;
        for (int batch = 0; batch < config.maxBatchesPerRun(); batch++) {
            BatchResult result = runBatch();
            executed += result.executed();
            if (result.claimed() < config.batchSize()) {
                break;
            }
        }
        completeFinished();
        return executed;
    }

    private BatchResult runBatch() {
        Claimed claimed = claim();
        int sent = sendAll(claimed.sends());
        return new BatchResult(claimed.count(), claimed.executed() + sent);
    }

    /** Claims one batch in its own committed transaction; its sends are then this engine's to start. */
    Claimed claim() {
        return QuarkusTransaction.requiringNew().call(this::claimBatch);
    }

    private Claimed claimBatch() {
        Instant now = clock.instant();
        List<DueEnrollment> due = repository.claimDue(now, config.batchSize());
        if (due.isEmpty()) {
            return new Claimed(0, 0, List.of());
        }
        Set<UUID> campaignIds = new HashSet<>();
        due.forEach(enrollment -> campaignIds.add(enrollment.campaignId()));
        BatchPlanner planner =
                new BatchPlanner(now, config, context(campaignIds, due, now), suppressions::isSuppressed);
        due.forEach(planner::plan);
        save(planner, now);
        return new Claimed(due.size(), planner.executedCount(), planner.sends());
    }

    private void save(BatchPlanner planner, Instant now) {
        repository.saveStates(planner.states());
        repository.countExecutions(planner.executions(), now);
        repository.setNextSendAt(planner.nextSendAt());
        planner.unknownOutcomes().forEach(this::reportUnknownOutcome);
        planner.handedBack()
                .forEach(claim -> repository.addUsage(claim.tenantId(), Map.of(claim.mailboxId(), -1), claim.day()));
        reserve(planner);
    }

    /**
     * A send that started but whose outcome was never recorded: its reference is kept (so a reply still matches), and
     * the tenant's audit log and the service log say so, since the recipient may or may not have the mail.
     */
    private void reportUnknownOutcome(OutboundRef ref) {
        repository.insertOutboundRef(ref);
        audit.record(
                "campaign.send_outcome_unknown",
                ref.tenantId(),
                ACTOR,
                ref.campaignId().toString(),
                Map.of(
                        "enrollment_id", ref.enrollmentId().toString(),
                        "lead_id", ref.leadId().toString(),
                        "step_id", ref.stepId().toString(),
                        "email_account_id", ref.emailAccountId().toString(),
                        "message_id", ref.messageId()));
        LOG.warnf(
                "send %s of enrollment %s: outcome unknown, the engine stopped during its SMTP call; not sent again",
                ref.messageId(), ref.enrollmentId());
    }

    private BatchPlanner.Context context(Set<UUID> campaignIds, List<DueEnrollment> due, Instant now) {
        var locked = repository.shareCampaigns(campaignIds);
        Map<UUID, List<CampaignStep>> steps = repository.steps(campaignIds);
        Map<UUID, List<UUID>> campaignMailboxes = repository.campaignMailboxes(campaignIds);
        Set<UUID> mailboxIds = new HashSet<>();
        campaignMailboxes.values().forEach(mailboxIds::addAll);
        due.stream().map(DueEnrollment::emailAccountId).filter(id -> id != null).forEach(mailboxIds::add);
        Set<UUID> templateIds = new HashSet<>();
        steps.values().forEach(list -> list.stream()
                .map(CampaignStep::templateId)
                .filter(id -> id != null)
                .forEach(templateIds::add));
        var mailboxes = repository.lockMailboxes(mailboxIds);
        var usage = repository.usage(mailboxIds, now.atZone(ZoneOffset.UTC).toLocalDate());
        return new BatchPlanner.Context(
                locked, steps, campaignMailboxes, mailboxes, usage, repository.templates(templateIds));
    }

    private void reserve(BatchPlanner planner) {
        Map<UUID, Map<UUID, Integer>> byTenant = new HashMap<>();
        for (SendTask task : planner.sends()) {
            byTenant.computeIfAbsent(task.mailbox().tenantId(), k -> new HashMap<>())
                    .merge(task.mailbox().id(), 1, Integer::sum);
        }
        byTenant.forEach((tenant, delta) -> repository.addUsage(tenant, delta, planner.today()));
    }

    /** Sends the claimed emails in parallel and waits for all; returns how many went out. */
    private int sendAll(List<SendTask> tasks) {
        if (tasks.isEmpty()) {
            return 0;
        }
        List<Future<Boolean>> results = new ArrayList<>(tasks.size());
        tasks.forEach(task -> results.add(senders.submit(() -> sending.execute(task))));
        int sent = 0;
        for (Future<Boolean> result : results) {
            try {
                sent += result.get() ? 1 : 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return sent;
            } catch (ExecutionException e) {
                // The claim stays until its lease ends: handed back if it never started, else an unknown outcome.
                LOG.error("settling a send failed", e.getCause());
            }
        }
        return sent;
    }

    private void promoteScheduled() {
        QuarkusTransaction.requiringNew().run(() -> campaigns
                .promoteScheduled(clock.instant())
                .forEach((id, tenant) ->
                        audit.record("campaign.sending", tenant, ACTOR, id.toString(), Map.of("from", "scheduled"))));
    }

    private void completeFinished() {
        QuarkusTransaction.requiringNew().run(() -> campaigns
                .completeFinished(clock.instant())
                .forEach((id, tenant) ->
                        audit.record("campaign.completed", tenant, ACTOR, id.toString(), Map.of("from", "sending"))));
    }

    @PreDestroy
    void stop() {
        senders.shutdownNow();
    }

    /** A claimed batch: enrollments claimed, steps executed in the claim, and the sends claimed. */
    record Claimed(int count, int executed, List<SendTask> sends) {}

    private record BatchResult(int claimed, int executed) {}
}
