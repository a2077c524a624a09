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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Steps per second of the sequence engine against an in-process SMTP sink: LEADS leads through email, wait, condition,
 * email, wait, email (six step executions each, half of them SMTP sends), with the clock moved past each wait. Excluded
 * from the normal run; run with {@code ./mvnw -o -pl campaign-service verify -Dtest=SequenceEngineBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false} (-Dbench.leads=N to change the size).
 */
@QuarkusTest
@QuarkusTestResource(
        value = PenguinTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_oltp_test"))
@QuarkusTestResource(KeyDirResource.class)
class SequenceEngineBenchmark {

    private static final int LEADS = Integer.getInteger("bench.leads", 3000);
    private static final int MAILBOXES = 20;
    private static final int STEPS_PER_LEAD = 6;

    @Inject
    DataSource dataSource;

    @Inject
    SequenceEngine engine;

    @Inject
    ControlledClock clock;

    @Test
    void stepsPerSecond() {
        Instant start = Instant.parse("2026-12-07T10:00:00Z");
        clock.set(start);
        String tenant = TestApi.createTenant("Engine Benchmark");
        EngineFixtures fx = new EngineFixtures(dataSource, tenant, TestApi.issueToken(tenant));
        try (SmtpSink sink = SmtpSink.start(Set.of(), false)) {
            List<UUID> mailboxes = new ArrayList<>();
            for (int i = 0; i < MAILBOXES; i++) {
                mailboxes.add(fx.mailbox("sender" + i + "@bench" + i + ".test", sink.port(), 1_000_000));
            }
            UUID template = fx.template(
                    "Quick question, {{first_name|there}}",
                    "<html><body><p>Hi {{first_name|there}},</p><p>We help teams like {{company|yours}} send"
                            + " better email. <a href=\"https://example.com/demo\">Book a demo</a>.</p></body></html>",
                    null);
            fx.update(
                    "INSERT INTO lead_lists (id, tenant_id, name) VALUES (gen_random_uuid(), ?, 'bench')", fx.tenantId);
            fx.update(
                    "INSERT INTO leads (id, tenant_id, email, first_name, company)"
                            + " SELECT gen_random_uuid(), ?, 'lead' || n || '@prospect' || (n % 50) || '.test',"
                            + " 'Lead' || n, 'Company ' || n FROM generate_series(1, ?) n",
                    fx.tenantId, LEADS);
            fx.update(
                    "INSERT INTO lead_list_members (tenant_id, list_id, lead_id) SELECT l.tenant_id, ll.id, l.id"
                            + " FROM leads l JOIN lead_lists ll ON ll.tenant_id = l.tenant_id AND ll.name = 'bench'"
                            + " WHERE l.tenant_id = ?",
                    fx.tenantId);
            String campaignId = fx.campaign(Map.of(
                    "name", "Benchmark",
                    "email_account_ids", mailboxes,
                    "timezone", "UTC",
                    "sending_window", window(List.of(1, 2, 3, 4, 5, 6, 7), "00:00", "23:59"),
                    "tracking", Map.of("opens", true, "clicks", true),
                    "spacing", Map.of("min_seconds", 0, "max_seconds", 0),
                    "steps",
                            List.of(
                                    email(template),
                                    Map.of("type", "wait", "minutes", 1),
                                    Map.of("type", "condition", "condition", "no_reply"),
                                    email(template),
                                    Map.of("type", "wait", "minutes", 1),
                                    email(template))));
            fx.enroll(campaignId, "bench");
            fx.start(campaignId);

            long executed = 0;
            long began = System.nanoTime();
            for (int round = 0; round < 20 && !"completed".equals(fx.status(campaignId)); round++) {
                int done;
                while ((done = engine.runPass()) > 0) {
                    executed += done;
                }
                clock.set(clock.instant().plus(Duration.ofMinutes(2)));
            }
            double seconds = (System.nanoTime() - began) / 1e9;

            assertThat(executed).isEqualTo((long) LEADS * STEPS_PER_LEAD);
            assertThat(sink.count()).isEqualTo(LEADS * 3L);
            System.out.printf(
                    "ENGINE BENCHMARK: %d leads, %d step executions (%d SMTP sends) in %.1f s = %.0f steps/s"
                            + " (%.2f million per hour)%n",
                    LEADS, executed, sink.count(), seconds, executed / seconds, executed / seconds * 3600 / 1e6);
        }
    }
}
