package io.penguinmails.analytics.messaging;

import static io.penguinmails.analytics.messaging.AnalyticsTopic.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.penguinmails.analytics.OlapTestResource;
import io.penguinmails.analytics.repository.AggregateRepository;
import io.penguinmails.contracts.EventJson;
import io.penguinmails.contracts.Topics;
import io.penguinmails.infra.PenguinTestResource;
import io.penguinmails.infra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.smallrye.reactive.messaging.PausableChannel;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Measures, on demand (excluded from {@code verify} by the pom), inside the test JVM against the test broker and the
 * local PostgreSQL:
 *
 * <ol>
 *   <li>the funnel query latency with a year of daily data for 1,000 campaigns, bulk-loaded with
 *       {@code generate_series};
 *   <li>aggregation throughput with exactly-once effect: {@value #DISTINCT_EVENTS} distinct events plus a redelivered
 *       copy of every tenth, produced as fast as the producer goes, timed until every distinct event is counted (and
 *       asserted that the copies changed nothing);
 *   <li>freshness at a steady {@value #STEADY_RATE} events/s: every {@value #WATERMARK_EVERY}th event is a watermark
 *       (a "sent" of its own campaign); the time from its send until its row appears in {@code campaign_analytics},
 *       the table the funnel API reads;
 *   <li>a rebuild of everything the topic holds by then.
 * </ol>
 *
 * Run: {@code ./mvnw -pl analytics-service test -Dtest=AnalyticsBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * -Dspotless.check.skip=true}; results are the lines starting with {@code BENCHMARK}.
 */
@QuarkusTest
@QuarkusTestResource(
        value = OlapTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_olap_test"))
class AnalyticsBenchmark {

    private static final int CAMPAIGNS = 1_000;
    private static final int FUNNEL_QUERIES = 5_000;
    private static final int SERIES_QUERIES = 1_000;
    private static final int DISTINCT_EVENTS = 200_000;
    private static final int STEADY_RATE = 5_000;
    private static final int STEADY_SECONDS = 30;
    private static final int WATERMARK_EVERY = 250;
    private static final List<String> TYPES = List.of("sent", "delivered", "opened", "clicked", "replied");

    private final HttpClient http = HttpClient.newHttpClient();

    @Inject
    DataSource dataSource;

    @Inject
    ChannelRegistry channels;

    @Inject
    AggregateRepository aggregates;

    @TestHTTPResource("/")
    URL base;

    @Test
    void funnelLatencyThroughputFreshnessAndRebuild() throws Exception {
        funnelQueries();
        throughput();
        freshness();
        rebuild();
    }

    /** A year of daily rows for 1,000 campaigns (365,000 rows), their per-campaign and per-step totals. */
    private void funnelQueries() throws Exception {
        String tenant = UUID.randomUUID().toString();
        long loadStart = System.nanoTime();
        seedYear(tenant);
        System.out.printf(
                "BENCHMARK funnel data: %d campaigns x 365 days loaded in %.1f s%n",
                CAMPAIGNS, (System.nanoTime() - loadStart) / 1e9);
        String token = TestTokens.forTenant(tenant);
        for (int i = 0; i < 200; i++) {
            get(token, "/v1/analytics/campaigns/bench-" + (1 + i % CAMPAIGNS));
        }
        report(
                "GET /v1/analytics/campaigns/{id}",
                FUNNEL_QUERIES,
                token,
                i -> "/v1/analytics/campaigns/bench-"
                        + (1 + ThreadLocalRandom.current().nextInt(CAMPAIGNS)));
        report(
                "GET /v1/analytics/campaigns/{id}/steps",
                FUNNEL_QUERIES,
                token,
                i -> "/v1/analytics/campaigns/bench-"
                        + (1 + ThreadLocalRandom.current().nextInt(CAMPAIGNS)) + "/steps");
        report(
                "GET /v1/analytics/daily?campaign_id={id} (a year: 365 rows)",
                SERIES_QUERIES,
                token,
                i -> "/v1/analytics/daily?from=2025-01-01&to=2025-12-31&campaign_id=bench-"
                        + (1 + ThreadLocalRandom.current().nextInt(CAMPAIGNS)));
    }

    private void seedYear(String tenant) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            execute(
                    connection,
                    tenant,
                    """
                    INSERT INTO daily_analytics (tenant_id, campaign_id, mailbox_id, date, emails_sent,
                        emails_delivered, emails_opened, emails_clicked, emails_replied, emails_bounced,
                        emails_unsubscribed)
                    SELECT CAST(? AS UUID), 'bench-' || c, 'mbx-' || (c % 50), DATE '2025-01-01' + d,
                        100 + (c + d) % 50, 95 + (c + d) % 50, 40 + d % 20, 10 + c % 7, 3 + d % 4, 5 - d % 3, d % 2
                    FROM generate_series(1, 1000) AS c, generate_series(0, 364) AS d
                    """);
            String sums =
                    """
                    SUM(emails_sent), SUM(emails_delivered), SUM(emails_opened), SUM(emails_clicked),
                    SUM(emails_replied), SUM(emails_bounced), SUM(emails_unsubscribed)""";
            String columns =
                    """
                    emails_sent, emails_delivered, emails_opened, emails_clicked, emails_replied, emails_bounced,
                    emails_unsubscribed""";
            execute(
                    connection,
                    tenant,
                    "INSERT INTO campaign_analytics (tenant_id, campaign_id, " + columns
                            + ") SELECT tenant_id, campaign_id, " + sums
                            + " FROM daily_analytics WHERE tenant_id = CAST(? AS UUID) GROUP BY tenant_id, campaign_id");
            execute(
                    connection,
                    tenant,
                    "INSERT INTO sequence_step_analytics (tenant_id, campaign_id, step_id, "
                            + columns + ") SELECT tenant_id, campaign_id, 'step-1', " + sums
                            + " FROM daily_analytics WHERE tenant_id = CAST(? AS UUID) GROUP BY tenant_id, campaign_id");
            connection
                    .createStatement()
                    .execute("ANALYZE daily_analytics, campaign_analytics, sequence_step_analytics");
        }
    }

    private static void execute(Connection connection, String tenant, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, tenant);
            statement.executeUpdate();
        }
    }

    private void report(String what, int count, String token, IntFunction<String> path) throws Exception {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            String target = path.apply(i);
            long begin = System.nanoTime();
            get(token, target);
            nanos[i] = System.nanoTime() - begin;
        }
        print(what + " over HTTP", nanos);
    }

    private static void print(String what, long[] nanos) {
        Arrays.sort(nanos);
        int count = nanos.length;
        System.out.printf(
                "BENCHMARK %s: %d sequential calls, p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                what, count, nanos[count / 2] / 1e6, nanos[count * 99 / 100] / 1e6, nanos[count - 1] / 1e6);
    }

    private String get(String token, String path) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(base.toURI().resolve(path))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    /**
     * Every tenth record is sent twice with the same ce_id; the copies must change nothing. The consumer is paused
     * while the records are produced, so that the figure is the service's own rate, not shared with the producer's
     * CPU on the same two cores; the producing time is reported beside it.
     */
    private void throughput() throws Exception {
        String tenant = UUID.randomUUID().toString();
        PausableChannel consumer = channels.getPausable("analytics-events-in");
        consumer.pause();
        Instant start = Instant.now();
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < DISTINCT_EVENTS; i++) {
                ProducerRecord<String, String> record = record(tenant, i, "camp-" + (i % 20));
                producer.send(record);
                if (i % 10 == 0) {
                    producer.send(record);
                }
            }
            producer.flush();
        }
        double produced = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        Instant resumed = Instant.now();
        consumer.resume();
        await().atMost(Duration.ofMinutes(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> counted(tenant) >= DISTINCT_EVENTS);
        double seconds = Duration.between(resumed, Instant.now()).toMillis() / 1000.0;
        System.out.printf(
                "BENCHMARK throughput: %d distinct events (+%d redelivered copies) produced in %.1f s with the consumer"
                        + " paused, all counted %.1f s after it resumed = %.0f distinct events/s (%.0f records/s)%n",
                DISTINCT_EVENTS,
                DISTINCT_EVENTS / 10,
                produced,
                seconds,
                DISTINCT_EVENTS / seconds,
                DISTINCT_EVENTS * 1.1 / seconds);
        Thread.sleep(2_000);
        assertThat(counted(tenant)).as("copies changed nothing").isEqualTo(DISTINCT_EVENTS);
    }

    /** Sends at a steady rate and measures when each watermark becomes visible in campaign_analytics. */
    private void freshness() throws Exception {
        String tenant = UUID.randomUUID().toString();
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Long> seenAt = new ConcurrentHashMap<>();
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> watch(tenant, seenAt, watching), "freshness-watcher");
        watcher.start();
        int total = STEADY_RATE * STEADY_SECONDS;
        long intervalNanos = 1_000_000_000L / STEADY_RATE;
        long start = System.nanoTime();
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < total; i++) {
                long due = start + i * intervalNanos;
                while (System.nanoTime() < due) {
                    LockSupport.parkNanos(due - System.nanoTime());
                }
                boolean watermark = i % WATERMARK_EVERY == 0;
                String campaign = watermark ? "wm-" + i : "camp-" + (i % 20);
                producer.send(record(tenant, i, campaign));
                if (watermark) {
                    sentAt.put(campaign, System.nanoTime());
                }
            }
        }
        double actualRate = total / ((System.nanoTime() - start) / 1e9);
        await().atMost(Duration.ofMinutes(5)).until(() -> seenAt.size() == sentAt.size());
        watching.set(false);
        watcher.join();
        long[] lags = sentAt.entrySet().stream()
                .mapToLong(entry -> seenAt.get(entry.getKey()) - entry.getValue())
                .sorted()
                .toArray();
        System.out.printf(
                "BENCHMARK freshness: %d events at %.0f events/s over %d s, %d watermarks visible after p50 %.0f ms,"
                        + " p99 %.0f ms, max %.0f ms%n",
                total,
                actualRate,
                STEADY_SECONDS,
                lags.length,
                lags[lags.length / 2] / 1e6,
                lags[lags.length * 99 / 100] / 1e6,
                lags[lags.length - 1] / 1e6);
    }

    /** Polls the funnel table every 20 ms and notes when each watermark campaign first shows. */
    private void watch(String tenant, Map<String, Long> seenAt, AtomicBoolean watching) {
        String sql = "SELECT campaign_id FROM campaign_analytics WHERE tenant_id = CAST(? AS UUID)"
                + " AND campaign_id LIKE 'wm-%'";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, tenant);
            while (watching.get()) {
                try (ResultSet rows = statement.executeQuery()) {
                    long now = System.nanoTime();
                    while (rows.next()) {
                        seenAt.putIfAbsent(rows.getString(1), now);
                    }
                }
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("watching the watermarks failed", e);
        }
    }

    /** Replays everything the topic holds by now into shadow tables and swaps them in. */
    private void rebuild() throws Exception {
        HttpResponse<String> started = http.send(
                HttpRequest.newBuilder(base.toURI().resolve("/v1/admin/analytics/rebuild"))
                        .header("Authorization", "Bearer dev-admin-token")
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).isEqualTo(202);
        URI status =
                base.toURI().resolve(started.headers().firstValue("Location").orElseThrow());
        long begin = System.nanoTime();
        List<String> last = new ArrayList<>(List.of(""));
        await().atMost(Duration.ofMinutes(30))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    last.set(
                            0,
                            http.send(
                                            HttpRequest.newBuilder(status)
                                                    .header("Authorization", "Bearer dev-admin-token")
                                                    .build(),
                                            HttpResponse.BodyHandlers.ofString())
                                    .body());
                    return !last.get(0).contains("\"running\"");
                });
        double seconds = (System.nanoTime() - begin) / 1e9;
        System.out.printf("BENCHMARK rebuild: finished in %.1f s: %s%n", seconds, last.get(0));
        assertThat(last.get(0)).contains("\"completed\"");
    }

    private static ProducerRecord<String, String> record(String tenant, int i, String campaign) {
        String body = EventJson.write(event(
                tenant,
                TYPES.get(i % TYPES.size()),
                campaign,
                "step-" + (i % 4),
                "mbx-" + (i % 10),
                "lead-" + i,
                null,
                Instant.parse("2025-06-01T12:00:00Z").plus(Duration.ofDays(i % 30))));
        return new ProducerRecord<>(
                Topics.ANALYTICS_EVENTS,
                null,
                tenant,
                body,
                AnalyticsTopic.envelope(UUID.randomUUID().toString(), tenant));
    }

    /** Every counter of the tenant summed, straight from the campaign totals the funnel API reads. */
    private long counted(String tenant) throws SQLException {
        String sql = "SELECT COALESCE(SUM(emails_sent + emails_delivered + emails_opened + emails_clicked"
                + " + emails_replied), 0) FROM campaign_analytics WHERE tenant_id = CAST(? AS UUID)";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, tenant);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        PenguinTestResource.sharedBroker().bootstrapServers(),
                        ProducerConfig.LINGER_MS_CONFIG,
                        "5",
                        ProducerConfig.BATCH_SIZE_CONFIG,
                        "262144"),
                new StringSerializer(),
                new StringSerializer());
    }
}
