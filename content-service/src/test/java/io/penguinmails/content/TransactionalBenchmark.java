package io.penguinmails.content;

import static org.assertj.core.api.Assertions.assertThat;

import io.penguinmails.content.service.NotificationService;
import io.penguinmails.content.service.TransactionalEmailService;
import io.penguinmails.content.service.TransactionalMailSender;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Measures the transactional mail queue and notification reads: queueing rate through the service, sender rate to
 * GreenMail (a new SMTP connection per mail, as the test profile turns keep-alive off), and p50/p99 of notification
 * listings over 100k seeded notifications of one tenant. Excluded from the build (surefire excludes
 * {@code *Benchmark}): {@code ./mvnw -o -pl content-service test -Dtest=TransactionalBenchmark
 * -Dspotless.check.skip=true -Dcontent-test-database=penguin_content_bench_te}.
 */
@QuarkusTest
@QuarkusTestResource(
        value = ContentTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_content_test"))
@QuarkusTestResource(GreenMailResource.class)
class TransactionalBenchmark {

    private static final int EMAILS = 500;
    private static final int NOTIFICATIONS = 100_000;
    private static final int RUNS = 300;

    @Inject
    TransactionalEmailService emails;

    @Inject
    TransactionalMailSender sender;

    @Inject
    NotificationService notifications;

    @Inject
    DataSource dataSource;

    @Test
    void queueAndSend() {
        UUID tenant = UUID.randomUUID();
        long start = System.nanoTime();
        for (int i = 0; i < EMAILS; i++) {
            emails.queue(
                    tenant,
                    "bench",
                    new TransactionalEmailRequest(
                            List.of("bench" + i + "@example.org"),
                            null,
                            "Your code",
                            "Your code is " + i,
                            "<p>Your code is <b>" + i + "</b></p>",
                            null,
                            "bench-" + i));
        }
        double queueSeconds = seconds(start);
        start = System.nanoTime();
        TransactionalMailSender.Run run = sender.sendDue();
        double sendSeconds = seconds(start);
        // Every email was tried once; on a loaded machine a few time out and wait for their retry.
        assertThat(run.sent() + run.retried() + run.failed()).isEqualTo(EMAILS);
        System.out.printf(
                "BENCH transactional queue %d emails: %.0f/s; one sender run to GreenMail: %.1f tries/s, %d sent,"
                        + " %d to retry%n",
                EMAILS, EMAILS / queueSeconds, EMAILS / sendSeconds, run.sent(), run.retried());
    }

    @Test
    void notificationListings() throws Exception {
        UUID tenant = UUID.randomUUID();
        seed(tenant);
        measure("notifications first page (50)", () -> notifications.list(tenant, false, null, 50));
        measure("notifications unread first page (50)", () -> notifications.list(tenant, true, null, 50));
        KeysetPosition middle = positionAt(tenant, NOTIFICATIONS / 2);
        measure("notifications page after a cursor half-way (50)", () -> notifications.list(tenant, false, middle, 50));
        measure(
                "notifications unread after a cursor half-way (50)",
                () -> notifications.list(tenant, true, middle, 50));
    }

    private KeysetPosition positionAt(UUID tenant, int rows) {
        KeysetPosition position = null;
        for (int read = 0; read < rows; read += 200) {
            List<Notification> page = notifications.list(tenant, false, position, 200);
            Notification last = page.get(page.size() - 1);
            position = new KeysetPosition(last.occurredAt(), last.id());
        }
        return position;
    }

    /** 100k notifications over 100 days, one in ten unread; plus 100k of 9 other tenants around them. */
    private void seed(UUID tenant) throws Exception {
        String sql = "INSERT INTO notifications (id, tenant_id, kind, severity, title, body, details, is_read,"
                + " occurred_at) SELECT gen_random_uuid(), ?, 'campaign.paused', 'warning', 'Campaign ' || g || ' paused',"
                + " 'Bounce rate above 5%', '{}', g % 10 <> 0, now() - g * interval '86 seconds'"
                + " FROM generate_series(1, ?) g";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, tenant);
            ps.setInt(2, NOTIFICATIONS);
            ps.executeUpdate();
            for (int i = 0; i < 9; i++) {
                ps.setObject(1, UUID.randomUUID());
                ps.setInt(2, NOTIFICATIONS / 9);
                ps.executeUpdate();
            }
            c.createStatement().execute("ANALYZE notifications");
        }
    }

    private static void measure(String what, Supplier<List<Notification>> query) {
        for (int i = 0; i < 30; i++) {
            query.get();
        }
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            assertThat(query.get()).hasSize(50);
            micros.add((System.nanoTime() - start) / 1000);
        }
        long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(
                "BENCH %s: p50 %.2f ms, p99 %.2f ms over %d runs%n",
                what, sorted[RUNS / 2] / 1000.0, sorted[RUNS * 99 / 100] / 1000.0, RUNS);
        assertThat(Arrays.stream(sorted).min().orElseThrow()).isPositive();
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
