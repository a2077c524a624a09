package io.penguinmails.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.penguinmails.contracts.StorageKeys;
import io.penguinmails.contracts.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Faults in the middle of inbound load, each followed by an exact accounting. In every phase a pool of clients posts
 * new messages to {@code POST /v1/inbound/raw} as fast as the suite takes them; when half of them have been accepted,
 * the fault happens (a service killed with SIGKILL and started again, the broker stopped and started, PostgreSQL
 * restarted) while the clients go on. A client whose post fails (connection refused, 503 while the database is away)
 * posts the same bytes again, as a real client would, until it gets 202: the storage key is a hash of the tenant and
 * the bytes, so a retry can never make a second message.
 *
 * <p>After each phase, with the suite settled: every message of the tenant is stored in content-service exactly once,
 * analytics counts each as received exactly once, campaign-service recorded each inbound event exactly once, no ingest
 * job is left undone or dead, and no record went to a {@code .dlq} topic. Each phase prints a line starting with
 * {@code FAULT}: messages, how many were in flight at the fault (accepted but not yet through the service hit), failed
 * posts, and the time to settle.
 *
 * <p>Size: {@code -Dfault.messages} per phase (default 300), {@code -Dfault.clients} (16), {@code
 * -Dfault.broker-down-seconds} (30). The long run in {@code docs/reliability.md} uses 10,000 messages per phase.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultIT {

    private static final int MESSAGES = Integer.getInteger("fault.messages", 300);
    private static final int CLIENTS = Integer.getInteger("fault.clients", 16);
    private static final Duration BROKER_DOWN = Duration.ofSeconds(Integer.getInteger("fault.broker-down-seconds", 30));
    private static final Duration SETTLE_LIMIT = Duration.ofMinutes(10);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(250);

    private static Suite suite;
    private static String token;
    private static String tenantId;
    private static HttpClient http;
    private static List<byte[]> samples;
    private static final List<String> reports = new ArrayList<>();
    /** Every message of the tenant so far: the ground truth each phase's accounting is checked against. */
    private static int total;

    @BeforeAll
    static void startSuite() throws IOException {
        suite = new Suite();
        suite.start();
        Suite.Tenant tenant = suite.createTenant("Fault Test Tenant");
        tenantId = tenant.id();
        token = tenant.token();
        http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        samples = InboundSamples.all();
    }

    @AfterAll
    static void stopSuite() {
        reports.forEach(System.out::println);
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    @Order(1)
    void ingestServiceKilledMidLoad() throws Exception {
        runPhase("kill -9 ingest-service", () -> killAndRestart("ingest-service"), accepted -> unfinishedJobs());
    }

    @Test
    @Order(2)
    void contentServiceKilledMidLoad() throws Exception {
        runPhase(
                "kill -9 content-service",
                () -> killAndRestart("content-service"),
                accepted -> accepted - storedRows());
    }

    @Test
    @Order(3)
    void analyticsServiceKilledMidLoad() throws Exception {
        runPhase(
                "kill -9 analytics-service",
                () -> killAndRestart("analytics-service"),
                accepted -> accepted - received());
    }

    @Test
    @Order(4)
    void campaignServiceKilledMidLoad() throws Exception {
        runPhase(
                "kill -9 campaign-service",
                () -> killAndRestart("campaign-service"),
                accepted -> accepted - campaignProcessed());
    }

    @Test
    @Order(5)
    void brokerStoppedAndStartedMidLoad() throws Exception {
        runPhase(
                "broker stopped " + BROKER_DOWN.toSeconds() + " s",
                () -> {
                    suite.stopBroker();
                    Thread.sleep(BROKER_DOWN.toMillis());
                    suite.startBroker();
                },
                accepted -> unfinishedJobs());
    }

    @Test
    @Order(6)
    void postgresRestartedMidLoad() throws Exception {
        runPhase("PostgreSQL restarted", LocalPostgres::restart, accepted -> accepted - storedRows());
    }

    /** What a fault does; it may block for as long as the fault lasts. */
    private interface Fault {
        void happen() throws Exception;
    }

    /** How many of the messages accepted so far the service under fault has not finished yet. */
    private interface InFlight {
        long count(long accepted) throws Exception;
    }

    private static void runPhase(String name, Fault fault, InFlight inFlight) throws Exception {
        int first = total;
        total += MESSAGES;
        AtomicInteger accepted = new AtomicInteger();
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        long start = System.nanoTime();
        List<Future<?>> posts = new ArrayList<>();
        for (int i = first; i < first + MESSAGES; i++) {
            byte[] raw = InboundSamples.variant(samples.get(i % samples.size()), "fault", i);
            posts.add(clients.submit(() -> postUntilAccepted(raw, accepted, failures)));
        }
        while (accepted.get() < MESSAGES / 2) {
            Thread.sleep(10);
        }
        long inFlightAtFault = inFlight.count(first + accepted.get());
        fault.happen();
        long faultOver = System.nanoTime();
        for (Future<?> post : posts) {
            post.get(SETTLE_LIMIT.toMinutes(), TimeUnit.MINUTES);
        }
        clients.shutdown();
        settle();
        reports.add(String.format(
                Locale.ROOT,
                "FAULT %s: %d messages, %d in flight at the fault, failed posts retried %s, all accepted %.1f s"
                        + " after the start, settled %.1f s after the fault was over; stored once each: %d of %d",
                name,
                MESSAGES,
                inFlightAtFault,
                failures,
                (faultOver - start) / 1e9,
                (System.nanoTime() - faultOver) / 1e9,
                storedRows(),
                total));
        assertExactAccounting();
        assertThat(failures.keySet())
                .as("what a client saw while the fault lasted: refusals and 503, never a 500")
                .doesNotContain("HTTP 500");
    }

    /** Posts the bytes until the suite answers 202; a failure of any kind is counted and the same bytes sent again. */
    private static Void postUntilAccepted(byte[] raw, AtomicInteger accepted, Map<String, Integer> failures)
            throws InterruptedException {
        String expectedKey = StorageKeys.forRawMessage(tenantId, raw);
        long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            String failure = post(raw, expectedKey);
            if (failure == null) {
                accepted.incrementAndGet();
                return null;
            }
            failures.merge(failure, 1, Integer::sum);
            Thread.sleep(RETRY_PAUSE.toMillis());
        }
        throw new IllegalStateException("not accepted within " + SETTLE_LIMIT + ": " + expectedKey);
    }

    /** One post; null when accepted under the expected key, else a short name of what went wrong. */
    private static String post(byte[] raw, String expectedKey) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(suite.url("ingest-service") + "/v1/inbound/raw"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "message/rfc822")
                            .timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(raw))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) {
                return "HTTP " + response.statusCode();
            }
            assertThat(response.body()).contains(expectedKey);
            return null;
        } catch (IOException e) {
            return e.getClass().getSimpleName();
        }
    }

    private static void killAndRestart(String service) throws Exception {
        suite.services.get(service).kill();
        suite.restart(service);
    }

    /** Waits until every service has caught up with everything the tenant sent. */
    private static void settle() throws Exception {
        long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (unfinishedJobs() == 0 && storedRows() >= total && received() >= total && campaignProcessed() >= total) {
                return;
            }
            Thread.sleep(200);
        }
    }

    private static void assertExactAccounting() throws Exception {
        assertThat(unfinishedJobs())
                .as("ingest jobs not done (dead jobs included)")
                .isZero();
        assertThat(storedRows()).as("messages stored in content-service").isEqualTo(total);
        assertThat(received()).as("received in analytics").isEqualTo(total);
        assertThat(campaignProcessed())
                .as("inbound events campaign-service processed")
                .isEqualTo(total);
        assertThat(deadLetters()).as("records on the .dlq topics").isEmpty();
    }

    private static long unfinishedJobs() {
        return count("ingest-service", "SELECT count(*) FROM jobs WHERE status <> 'done' AND tenant_id = ?::uuid");
    }

    private static long storedRows() {
        return count("content-service", "SELECT count(*) FROM email_messages WHERE tenant_id = ?::uuid");
    }

    private static long campaignProcessed() {
        return count(
                "campaign-service",
                "SELECT count(*) FROM processed_events WHERE tenant_id = ?::uuid AND topic LIKE 'mail.%'");
    }

    /** The tenant's received count, through analytics-service's API as a user reads it. */
    private static long received() {
        try {
            return given().auth()
                    .oauth2(token)
                    .get(suite.url("analytics-service") + "/v1/analytics/overview")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getLong("received");
        } catch (RuntimeException | AssertionError notUpYet) {
            return -1;
        }
    }

    private static long count(String service, String sql) {
        try (Connection c = DriverManager.getConnection(Suite.database(service), "postgres", "");
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException databaseRestarting) {
            return -1;
        }
    }

    /** Records on every {@code .dlq} topic, by topic, from the end offsets of their partitions. */
    private static Map<String, Long> deadLetters() throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, suite.broker.bootstrapServers()))) {
            List<String> dlqs =
                    Topics.allWithDlq().stream().filter(t -> t.endsWith(".dlq")).toList();
            Map<TopicPartition, OffsetSpec> ends = new ConcurrentHashMap<>();
            for (TopicDescription topic :
                    admin.describeTopics(dlqs).allTopicNames().get().values()) {
                topic.partitions()
                        .forEach(p -> ends.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest()));
            }
            return admin.listOffsets(ends).all().get().entrySet().stream()
                    .filter(e -> e.getValue().offset() > 0)
                    .collect(Collectors.groupingBy(e -> e.getKey().topic(), Collectors.summingLong(e -> e.getValue()
                            .offset())));
        }
    }
}
