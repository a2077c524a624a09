package io.penguinmails.campaign.service.engine;

import static io.penguinmails.campaign.service.engine.EngineFixtures.email;
import static io.penguinmails.campaign.service.engine.EngineFixtures.window;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.penguinmails.campaign.ControlledClock;
import io.penguinmails.campaign.KeyDirResource;
import io.penguinmails.campaign.TestApi;
import io.penguinmails.campaign.repository.EngineRepository;
import io.penguinmails.contracts.AuditEvent;
import io.penguinmails.contracts.EventJson;
import io.penguinmails.contracts.Topics;
import io.penguinmails.infra.PenguinTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What happens to claimed sends that a crash, a long queue or a late suppression keeps from going out as planned. A
 * crash is simulated by claiming a batch and dropping its tasks (the dead process's sender queue), marking some of them
 * started as the sender does right before SMTP; the "restarted" engine is a pass at a clock past the send lease.
 */
@QuarkusTest
@QuarkusTestResource(
        value = PenguinTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_oltp_test"))
@QuarkusTestResource(KeyDirResource.class)
class SendRecoveryTest {

    private static final Instant START = Instant.parse("2026-12-07T10:00:00Z");
    private static final Duration PAST_LEASE = Duration.ofMinutes(11);
    private static final String OUTCOME_UNKNOWN = "campaign.send_outcome_unknown";

    @Inject
    DataSource dataSource;

    @Inject
    SequenceEngine engine;

    @Inject
    SendExecution sending;

    @Inject
    EngineRepository repository;

    @Inject
    ControlledClock clock;

    private GreenMail greenMail;

    @BeforeEach
    void startSmtp() {
        greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
    }

    @AfterEach
    void stopSmtp() {
        greenMail.stop();
        clock.reset();
    }

    @Test
    void afterACrashEveryClaimThatNeverStartedIsSentExactlyOnceAndStartedOnesAreReported() throws Exception {
        Scenario run = scenario("Crash", 12, 2);

        List<SendTask> crashed = claim(run);
        assertThat(crashed).as("the whole batch is claimed").hasSize(12);
        List<SendTask> started = crashed.subList(0, 2);
        List<SendTask> neverStarted = crashed.subList(2, crashed.size());
        for (SendTask task : started) {
            markStarted(task);
        }
        // The process dies here: nothing was settled and the queue is gone.

        clock.set(START.plus(Duration.ofMinutes(5)));
        drain();
        assertThat(received(run.domain()))
                .as("nothing is recovered while the lease runs")
                .isEmpty();

        clock.set(START.plus(PAST_LEASE));
        drain();
        Map<String, List<Mail>> firstStep = byRecipient(received(run.domain()));
        assertThat(firstStep.keySet()).containsExactlyInAnyOrderElementsOf(recipients(neverStarted));
        assertThat(firstStep.values()).allMatch(mails -> mails.size() == 1);
        assertThat(messageIds(firstStep))
                .as("a handed-back claim goes out under a new Message-ID")
                .doesNotContainAnyElementsOf(messageIds(crashed));
        assertThat(unknownOutcomesReported(run.tenant())).containsExactlyInAnyOrderElementsOf(messageIds(started));

        clock.set(START.plus(PAST_LEASE).plus(Duration.ofMinutes(61)));
        drain();
        Map<String, List<Mail>> all = byRecipient(received(run.domain()));
        assertThat(all.keySet()).as("every lead goes on to the second email").hasSize(12);
        for (SendTask task : crashed) {
            List<String> subjects = all.get(task.enrollment().email()).stream()
                    .map(Mail::subject)
                    .toList();
            assertThat(subjects)
                    .containsExactlyElementsOf(started.contains(task) ? List.of("Second") : List.of("First", "Second"));
        }
        assertThat(outboundRefs(run.campaignId()))
                .as("one outbound reference per lead and step, unknown outcomes included")
                .isEqualTo(24);
        assertThat(usage(run.mailboxes()))
                .as("handed-back reservations were returned: 10 + 2 unknown, then 12")
                .isEqualTo(24);
        assertThat(statuses(run.campaignId())).isEqualTo(Map.of("completed", 12L));
    }

    @Test
    void aClaimWhoseLeaseRanOutInTheQueueIsSentOnlyByThePassThatTookItBack() throws Exception {
        Scenario run = scenario("Long queue", 3, 1);
        List<SendTask> queued = claim(run);
        assertThat(queued).hasSize(3);

        clock.set(START.plus(PAST_LEASE));
        drain();
        assertThat(byRecipient(received(run.domain())).keySet())
                .as("another pass took the claims back and sent them")
                .containsExactlyInAnyOrderElementsOf(recipients(queued));

        for (SendTask task : queued) {
            assertThat(sending.execute(task)).as("the first sender's late turn").isFalse();
        }
        Map<String, List<Mail>> mails = byRecipient(received(run.domain()));
        assertThat(mails.values()).allMatch(list -> list.size() == 1);
        assertThat(usage(run.mailboxes())).isEqualTo(3);
        assertThat(unknownOutcomesReported(run.tenant())).isEmpty();

        clock.set(START.plus(PAST_LEASE).plus(Duration.ofMinutes(61)));
        drain();
        assertThat(byRecipient(received(run.domain())).values()).allMatch(list -> list.size() == 2);
        assertThat(statuses(run.campaignId())).isEqualTo(Map.of("completed", 3L));
    }

    @Test
    void aLeadSuppressedAfterTheClaimIsNotMailed() throws Exception {
        Scenario run = scenario("Late suppression", 4, 1);
        List<SendTask> claimed = claim(run);
        assertThat(claimed).hasSize(4);
        String suppressed = "lead0@" + run.domain();
        String unsubscribed = "lead1@" + run.domain();
        suppress(run, suppressed, "complaint");
        suppress(run, unsubscribed, "unsubscribed");
        // The unsubscribe endpoint also ends the lead's enrollments; that status is kept.
        run.fixtures()
                .update(
                        "UPDATE campaign_enrollments SET status = 'unsubscribed', finished_at = now()"
                                + " WHERE lead_id = (SELECT id FROM leads WHERE tenant_id = ? AND email = ?)",
                        run.fixtures().tenantId,
                        unsubscribed);

        Map<String, Boolean> sent = new HashMap<>();
        for (SendTask task : claimed) {
            sent.put(task.enrollment().email(), sending.execute(task));
        }

        assertThat(sent)
                .isEqualTo(Map.of(
                        suppressed,
                        false,
                        unsubscribed,
                        false,
                        "lead2@" + run.domain(),
                        true,
                        "lead3@" + run.domain(),
                        true));
        assertThat(byRecipient(received(run.domain())).keySet())
                .containsExactlyInAnyOrder("lead2@" + run.domain(), "lead3@" + run.domain());
        assertThat(enrollment(run, suppressed))
                .containsEntry("status", "suppressed")
                .containsEntry("last_error", "the address is on the suppression list")
                .containsEntry("sending_message_id", null);
        assertThat(enrollment(run, unsubscribed))
                .containsEntry("status", "unsubscribed")
                .containsEntry("sending_message_id", null);
        assertThat(usage(run.mailboxes()))
                .as("the two unsent reservations were returned")
                .isEqualTo(2);

        drain();
        clock.set(START.plus(Duration.ofMinutes(61)));
        drain();
        Map<String, List<Mail>> mails = byRecipient(received(run.domain()));
        assertThat(mails.keySet()).containsExactlyInAnyOrder("lead2@" + run.domain(), "lead3@" + run.domain());
        assertThat(mails.values()).allMatch(list -> list.size() == 2);
        assertThat(statuses(run.campaignId())).isEqualTo(Map.of("completed", 2L, "suppressed", 1L, "unsubscribed", 1L));
        assertThat(run.fixtures().status(run.campaignId())).isEqualTo("completed");
    }

    @Test
    void aLeadWhoRepliedAfterTheClaimIsNotMailed() throws Exception {
        Scenario run = scenario("Reply before send", 2, 1);
        List<SendTask> claimed = claim(run);
        assertThat(claimed).hasSize(2);
        String replied = "lead0@" + run.domain();
        setEnrollment(run, replied, "status = 'replied', finished_at = now()");

        Map<String, Boolean> sent = new HashMap<>();
        for (SendTask task : claimed) {
            sent.put(task.enrollment().email(), sending.execute(task));
        }

        assertThat(sent).isEqualTo(Map.of(replied, false, "lead1@" + run.domain(), true));
        assertThat(byRecipient(received(run.domain())).keySet()).containsExactly("lead1@" + run.domain());
        assertThat(enrollment(run, replied))
                .containsEntry("status", "replied")
                .containsEntry("sending_message_id", null);
        assertThat(usage(run.mailboxes()))
                .as("the unsent reservation was returned")
                .isEqualTo(1);
    }

    @Test
    void aSendThatFailsAfterTheLeadRepliedOrWentAwayKeepsTheReplyAndThePause() throws Exception {
        Scenario run = scenario("Failure in flight", 2, 1);
        List<SendTask> claimed = claim(run);
        assertThat(claimed).hasSize(2);
        String replied = "lead0@" + run.domain();
        String away = "lead1@" + run.domain();
        Instant back = START.plus(Duration.ofDays(5));
        setEnrollment(run, replied, "status = 'replied', finished_at = now()");
        setEnrollment(run, away, "paused_until = '" + back + "'");

        for (SendTask task : claimed) {
            boolean settled = repository.settleFailed(
                    task.enrollment().id(),
                    task.messageId(),
                    task.enrollment().email().equals(replied) ? "failed" : "active",
                    1,
                    START.plus(Duration.ofMinutes(5)),
                    "451 4.7.1 try again later");
            assertThat(settled).isTrue();
        }

        assertThat(enrollment(run, replied))
                .containsEntry("status", "replied")
                .containsEntry("sending_message_id", null);
        assertThat(enrollment(run, away)).containsEntry("status", "active");
        assertThat(nextRunAt(run, away))
                .as("the retry waits for the return date")
                .isEqualTo(back);
    }

    /** A sending campaign of {@code leads} leads over {@code mailboxes} mailboxes: email, 60-minute wait, email. */
    private Scenario scenario(String name, int leads, int mailboxes) {
        String tenant = TestApi.createTenant(name);
        EngineFixtures fx = new EngineFixtures(dataSource, tenant, TestApi.issueToken(tenant));
        String domain = "r" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        List<UUID> senders = new ArrayList<>();
        for (int i = 0; i < mailboxes; i++) {
            senders.add(
                    fx.mailbox("sender" + i + "@" + domain, greenMail.getSmtp().getPort(), 100));
        }
        UUID template = fx.template("First", "<p>Hello {{first_name|there}}</p>", "Hello");
        for (int i = 0; i < leads; i++) {
            fx.lead("recovery", "lead" + i + "@" + domain, "L" + i, null);
        }
        String campaignId = fx.campaign(Map.of(
                "name",
                name,
                "email_account_ids",
                senders,
                "timezone",
                "UTC",
                "sending_window",
                window(List.of(1, 2, 3, 4, 5, 6, 7), "09:00", "17:00"),
                "spacing",
                Map.of("min_seconds", 0, "max_seconds", 0),
                "steps",
                List.of(
                        email(template),
                        Map.of("type", "wait", "minutes", 60),
                        Map.of("type", "email", "template_id", template.toString(), "subject_override", "Second"))));
        fx.enroll(campaignId, "recovery");
        // Started before the window opens: the first pass makes it sending and schedules every lead for 09:00.
        clock.set(START.minus(Duration.ofHours(2)));
        fx.start(campaignId);
        engine.runPass();
        assertThat(fx.status(campaignId)).isEqualTo("sending");
        clock.set(START);
        return new Scenario(tenant, domain, campaignId, senders, fx);
    }

    /**
     * Claims a batch and keeps the scenario's sends. Other tests' campaigns that are due at this clock are claimed too;
     * their claims are handed back after the lease like any other that never started.
     */
    private List<SendTask> claim(Scenario run) {
        return engine.claim().sends().stream()
                .filter(task -> task.enrollment().campaignId().toString().equals(run.campaignId()))
                .toList();
    }

    /** What the sender commits right before its SMTP call. */
    private void markStarted(SendTask task) {
        Instant now = clock.instant();
        boolean marked = QuarkusTransaction.requiringNew()
                .call(() -> repository.markStarted(
                        task.enrollment().id(), task.messageId(), now, now.plus(Duration.ofMinutes(10))));
        assertThat(marked).isTrue();
    }

    private void drain() {
        for (int i = 0; i < 100 && engine.runPass() > 0; i++) {
            // Each pass runs what is due now.
        }
    }

    private List<Mail> received(String domain) throws Exception {
        List<Mail> mails = new ArrayList<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            String to = ((InternetAddress) message.getRecipients(Message.RecipientType.TO)[0]).getAddress();
            if (to.endsWith("@" + domain)) {
                mails.add(new Mail(to, message.getSubject(), message.getHeader("Message-ID", null)));
            }
        }
        return mails;
    }

    private static Map<String, List<Mail>> byRecipient(List<Mail> mails) {
        Map<String, List<Mail>> byRecipient = new HashMap<>();
        mails.forEach(mail ->
                byRecipient.computeIfAbsent(mail.to(), k -> new ArrayList<>()).add(mail));
        return byRecipient;
    }

    private static Set<String> messageIds(Map<String, List<Mail>> mails) {
        Set<String> ids = new HashSet<>();
        mails.values().forEach(list -> list.forEach(mail -> ids.add(mail.messageId())));
        return ids;
    }

    private static List<String> messageIds(List<SendTask> tasks) {
        return tasks.stream().map(SendTask::messageId).toList();
    }

    private static List<String> recipients(List<SendTask> tasks) {
        return tasks.stream().map(task -> task.enrollment().email()).toList();
    }

    /** The Message-IDs the tenant's audit log reports as sends with an unknown outcome. */
    private List<String> unknownOutcomesReported(String tenant) throws Exception {
        List<String> ids = new ArrayList<>();
        String sql = "SELECT body FROM outbox WHERE tenant_id = ?::uuid AND topic = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, tenant);
            select.setString(2, Topics.AUDIT_EVENTS);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    AuditEvent event = EventJson.read(rs.getString(1), AuditEvent.class);
                    if (event.action().equals(OUTCOME_UNKNOWN)) {
                        ids.add(event.details().get("message_id"));
                    }
                }
            }
        }
        return ids;
    }

    private void suppress(Scenario run, String address, String reason) {
        run.fixtures()
                .update(
                        "INSERT INTO suppressions (tenant_id, email, reason) VALUES (?, ?, ?)",
                        run.fixtures().tenantId,
                        address,
                        reason);
    }

    private void setEnrollment(Scenario run, String address, String assignments) {
        run.fixtures()
                .update(
                        "UPDATE campaign_enrollments SET " + assignments
                                + " WHERE lead_id = (SELECT id FROM leads WHERE tenant_id = ? AND email = ?)",
                        run.fixtures().tenantId,
                        address);
    }

    private Instant nextRunAt(Scenario run, String address) throws Exception {
        String sql = "SELECT e.next_run_at FROM campaign_enrollments e JOIN leads l ON l.id = e.lead_id"
                + " WHERE e.campaign_id = ?::uuid AND l.email = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, run.campaignId());
            select.setString(2, address);
            try (ResultSet rs = select.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getTimestamp(1).toInstant();
            }
        }
    }

    private Map<String, Object> enrollment(Scenario run, String address) throws Exception {
        String sql = "SELECT e.status, e.last_error, e.sending_message_id FROM campaign_enrollments e"
                + " JOIN leads l ON l.id = e.lead_id WHERE e.campaign_id = ?::uuid AND l.email = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, run.campaignId());
            select.setString(2, address);
            try (ResultSet rs = select.executeQuery()) {
                assertThat(rs.next()).isTrue();
                Map<String, Object> row = new HashMap<>();
                row.put("status", rs.getString(1));
                row.put("last_error", rs.getString(2));
                row.put("sending_message_id", rs.getString(3));
                return row;
            }
        }
    }

    /** Sends counted (reserved) on the mailboxes, over all days. */
    private long usage(List<UUID> mailboxes) throws Exception {
        String sql = "SELECT coalesce(sum(sent), 0) FROM mailbox_daily_usage WHERE email_account_id = ANY (?)";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setArray(1, connection.createArrayOf("uuid", mailboxes.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long outboundRefs(String campaignId) throws Exception {
        String sql = "SELECT count(*) FROM inbox_message_refs WHERE campaign_id = ?::uuid AND direction = 'outbound'";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, campaignId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private Map<String, Long> statuses(String campaignId) throws Exception {
        String sql = "SELECT status, count(*) FROM campaign_enrollments WHERE campaign_id = ?::uuid GROUP BY status";
        Map<String, Long> counts = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, campaignId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return counts;
    }

    private record Scenario(
            String tenant, String domain, String campaignId, List<UUID> mailboxes, EngineFixtures fixtures) {}

    private record Mail(String to, String subject, String messageId) {}
}
