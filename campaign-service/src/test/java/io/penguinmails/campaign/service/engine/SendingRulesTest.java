package io.penguinmails.campaign.service.engine;

import static io.penguinmails.campaign.service.engine.EngineFixtures.email;
import static io.penguinmails.campaign.service.engine.EngineFixtures.window;
import static org.assertj.core.api.Assertions.assertThat;

import io.penguinmails.campaign.ControlledClock;
import io.penguinmails.campaign.KeyDirResource;
import io.penguinmails.campaign.SmtpSink;
import io.penguinmails.campaign.TestApi;
import io.penguinmails.infra.PenguinTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
 * The engine's sending rules seen from the receiving SMTP server: the warm-up ramp of a new mailbox, the spacing
 * between one mailbox's sends, a step's sender name, and retries with backoff after greylisting.
 */
@QuarkusTest
@QuarkusTestResource(
        value = PenguinTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_oltp_test"))
@QuarkusTestResource(KeyDirResource.class)
class SendingRulesTest {

    private static final List<Integer> EVERY_DAY = List.of(1, 2, 3, 4, 5, 6, 7);

    @Inject
    DataSource dataSource;

    @Inject
    SequenceEngine engine;

    @Inject
    ControlledClock clock;

    private SmtpSink sink;
    private EngineProbe probe;
    private String token;
    private EngineFixtures fx;
    private String domain;

    @BeforeEach
    void setUp() {
        sink = SmtpSink.start(Set.of(), true);
        probe = new EngineProbe(dataSource, engine);
        String tenant = TestApi.createTenant("Sending rules");
        token = TestApi.issueToken(tenant);
        fx = new EngineFixtures(dataSource, tenant, token);
        domain = "r" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    }

    @AfterEach
    void tearDown() {
        sink.close();
        clock.reset();
    }

    @Test
    void aNewMailboxSendsTwoOnItsFirstDayAndThreeOnTheNext() {
        Instant dayOne = Instant.parse("2026-12-09T10:00:00Z");
        clock.set(dayOne);
        UUID mailbox = newMailbox("fresh@" + domain, dayOne, 2, 1);
        String campaignId = campaign(List.of(mailbox), 0, 0, List.of(email(template())), leads(6));

        probe.drain();
        clock.set(dayOne.plus(Duration.ofHours(6)));
        probe.drain();
        assertThat(sink.count()).as("day 0 of the ramp: start 2").isEqualTo(2);
        assertThat(probe.usage(mailbox, LocalDate.of(2026, 12, 9))).isEqualTo(2);
        Instant dayTwoStart = Instant.parse("2026-12-10T00:00:00Z");
        assertThat(probe.nextDue(campaignId))
                .as("the rest wait for the next UTC day")
                .isEqualTo(dayTwoStart);

        clock.set(dayTwoStart.plus(Duration.ofHours(10)));
        probe.drain();
        assertThat(sink.count()).as("day 1 of the ramp: start 2 + step 1").isEqualTo(5);
        assertThat(probe.usage(mailbox, LocalDate.of(2026, 12, 10))).isEqualTo(3);
        assertThat(probe.statuses(campaignId))
                .containsExactly("active", "completed", "completed", "completed", "completed", "completed");
        assertThat(probe.nextDue(campaignId)).isEqualTo(Instant.parse("2026-12-11T00:00:00Z"));
        EngineProbe.pause(token, campaignId);
    }

    @Test
    void aFixedSpacingPutsExactlyThatGapBetweenOneMailboxsSends() throws Exception {
        Instant start = Instant.parse("2026-12-14T09:00:00Z");
        clock.set(start);
        UUID one = fx.mailbox("one@" + domain, sink.port(), 100);
        UUID two = fx.mailbox("two@" + domain, sink.port(), 100);
        String campaignId = campaign(List.of(one, two), 120, 120, List.of(email(template())), leads(6));

        Map<String, List<Instant>> sends = sendAll(campaignId, 6);

        assertThat(sends).containsOnlyKeys("one@" + domain, "two@" + domain);
        for (List<Instant> times : sends.values()) {
            assertThat(times).containsExactly(start, start.plusSeconds(120), start.plusSeconds(240));
        }
        assertThat(probe.nextSendAt(one)).isEqualTo(start.plusSeconds(360));
    }

    @Test
    void aRandomSpacingKeepsEachGapWithinItsRange() throws Exception {
        clock.set(Instant.parse("2026-12-15T09:00:00Z"));
        UUID mailbox = fx.mailbox("solo@" + domain, sink.port(), 100);
        String campaignId = campaign(List.of(mailbox), 60, 180, List.of(email(template())), leads(6));

        List<Instant> times = sendAll(campaignId, 6).get("solo@" + domain);

        assertThat(times).hasSize(6);
        Set<Long> gaps = new HashSet<>();
        for (int i = 1; i < times.size(); i++) {
            long gap = Duration.between(times.get(i - 1), times.get(i)).toSeconds();
            assertThat(gap).isBetween(60L, 180L);
            gaps.add(gap);
        }
        // Five gaps drawn uniformly from 121 values are all equal with probability 121^-4: the delay is random.
        assertThat(gaps).hasSizeGreaterThan(1);
    }

    @Test
    void aStepsSenderNameOverrideIsTheFromNameOfItsMail() throws Exception {
        Instant start = Instant.parse("2026-12-16T09:00:00Z");
        clock.set(start);
        UUID mailbox = fx.mailbox("ana@" + domain, sink.port(), 100);
        UUID template = template();
        List<Map<String, Object>> steps = List.of(
                email(template),
                Map.of("type", "wait", "minutes", 60),
                Map.of("type", "email", "template_id", template.toString(), "from_name_override", "Ana from Acme"));
        campaign(List.of(mailbox), 0, 0, steps, leads(1));

        probe.drain();
        clock.set(start.plus(Duration.ofMinutes(61)));
        probe.drain();

        List<SmtpSink.Received> received = sink.messages();
        assertThat(received).hasSize(2);
        InternetAddress first = from(received.get(0));
        InternetAddress second = from(received.get(1));
        assertThat(first.getAddress()).isEqualTo("ana@" + domain);
        assertThat(first.getPersonal()).isEqualTo("Sender ana@" + domain);
        assertThat(second.getAddress()).isEqualTo("ana@" + domain);
        assertThat(second.getPersonal()).isEqualTo("Ana from Acme");
        assertThat(EngineProbe.parse(received.get(1).raw()).getHeader("DKIM-Signature"))
                .as("the tenant has no domain " + domain + ", so nothing signs for it")
                .isNull();
    }

    @Test
    void greylistingIsRetriedWithADoublingBackoffUntilItPassesOrTheAttemptsRunOut() {
        Instant now = Instant.parse("2026-12-17T09:00:00Z");
        clock.set(now);
        UUID mailbox = fx.mailbox("retry@" + domain, sink.port(), 100);
        String greylisted = "greylisted@" + domain;
        String stubborn = "stubborn@" + domain;
        fx.lead("retries", greylisted, "Grey", null);
        fx.lead("retries", stubborn, "Stub", null);
        sink.defer(greylisted, 3);
        sink.defer(stubborn, 1000);
        String campaignId = campaign(List.of(mailbox), 0, 0, List.of(email(template())), "retries");

        for (int attempt = 1; attempt <= 3; attempt++) {
            probe.drain();
            Instant retryAt = now.plus(Duration.ofMinutes(5L << (attempt - 1)));
            for (String lead : List.of(greylisted, stubborn)) {
                EngineProbe.Enrollment enrollment = probe.enrollment(campaignId, lead);
                assertThat(enrollment.status()).isEqualTo("active");
                assertThat(enrollment.attempts()).isEqualTo(attempt);
                assertThat(enrollment.nextRunAt())
                        .as("5 min doubling per attempt")
                        .isEqualTo(retryAt);
                assertThat(enrollment.lastError()).contains("451 4.7.1");
            }
            now = retryAt;
            clock.set(now);
        }
        probe.drain();
        assertThat(sink.messages()).extracting(SmtpSink.Received::recipients).containsExactly(List.of(greylisted));
        EngineProbe.Enrollment passed = probe.enrollment(campaignId, greylisted);
        assertThat(passed.status()).isEqualTo("completed");
        assertThat(passed.attempts()).isZero();
        assertThat(passed.lastError()).isNull();
        EngineProbe.Enrollment waiting = probe.enrollment(campaignId, stubborn);
        assertThat(waiting.attempts()).isEqualTo(4);
        assertThat(waiting.nextRunAt()).isEqualTo(now.plus(Duration.ofMinutes(40)));

        clock.set(waiting.nextRunAt());
        probe.drain();
        EngineProbe.Enrollment failed = probe.enrollment(campaignId, stubborn);
        assertThat(failed.status()).as("the fifth attempt was the last").isEqualTo("failed");
        assertThat(failed.attempts()).isEqualTo(5);
        assertThat(failed.nextRunAt()).isNull();
        assertThat(failed.finishedAt()).isNotNull();
        assertThat(failed.lastError()).contains("451 4.7.1").contains("Greylisted");
        assertThat(sink.count()).isEqualTo(1);
        assertThat(probe.usage(mailbox, LocalDate.of(2026, 12, 17)))
                .as("each failed attempt gave its reserved send back")
                .isEqualTo(1);
    }

    /**
     * Moves the clock from due time to due time until {@code expected} mails arrived; returns each sender's send times
     * (the engine time of the pass that sent them).
     */
    private Map<String, List<Instant>> sendAll(String campaignId, int expected) throws Exception {
        Map<String, List<Instant>> sends = new HashMap<>();
        int seen = 0;
        for (int step = 0; step < 4 * expected && seen < expected; step++) {
            probe.drain();
            List<SmtpSink.Received> received = sink.messages();
            for (SmtpSink.Received mail : received.subList(seen, received.size())) {
                sends.computeIfAbsent(from(mail).getAddress(), k -> new ArrayList<>())
                        .add(clock.instant());
            }
            seen = received.size();
            Instant next = probe.nextDue(campaignId);
            if (next != null) {
                clock.set(next);
            }
        }
        assertThat(seen).isEqualTo(expected);
        return sends;
    }

    private static InternetAddress from(SmtpSink.Received mail) throws Exception {
        MimeMessage message = EngineProbe.parse(mail.raw());
        return (InternetAddress) message.getFrom()[0];
    }

    /** A mailbox on the sink added at {@code created}, warming up from {@code rampStart} by {@code rampStep} a day. */
    private UUID newMailbox(String email, Instant created, int rampStart, int rampStep) {
        UUID id = UUID.randomUUID();
        fx.update(
                "INSERT INTO email_accounts (id, tenant_id, email, from_name, daily_limit, ramp_start, ramp_step,"
                        + " smtp_host, smtp_port, smtp_security, created) VALUES (?, ?, ?, 'New', 50, ?, ?,"
                        + " '127.0.0.1', ?, 'none', ?)",
                id,
                fx.tenantId,
                email,
                rampStart,
                rampStep,
                sink.port(),
                created.atOffset(ZoneOffset.UTC));
        return id;
    }

    private UUID template() {
        return fx.template("Hello {{first_name|there}}", "<p>Hi {{first_name|there}}</p>", "Hi");
    }

    private String leads(int count) {
        String list = "list-" + UUID.randomUUID();
        for (int i = 0; i < count; i++) {
            fx.lead(list, "lead" + i + "@" + domain, "Lead" + i, null);
        }
        return list;
    }

    /** A started campaign over the mailboxes, open all day every day (UTC), with the list enrolled. */
    private String campaign(
            List<UUID> mailboxes, int minSpacing, int maxSpacing, List<Map<String, Object>> steps, String list) {
        String id = fx.campaign(Map.of(
                "name",
                "Rules " + list,
                "email_account_ids",
                mailboxes,
                "timezone",
                "UTC",
                "sending_window",
                window(EVERY_DAY, "00:00", "23:59"),
                "spacing",
                Map.of("min_seconds", minSpacing, "max_seconds", maxSpacing),
                "steps",
                steps));
        fx.enroll(id, list);
        fx.start(id);
        return id;
    }
}
