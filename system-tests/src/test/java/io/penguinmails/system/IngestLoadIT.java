package io.penguinmails.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End-to-end ingest under load: the packaged suite receives a realistic mix of inbound mail on {@code POST
 * /v1/inbound/raw} from many concurrent clients at a fixed rate, and the test measures how long each message takes to
 * become readable in content-service, what rate the suite sustains, and that every accepted message is stored exactly
 * once.
 *
 * <p>The mix is the ingest-service's own samples ({@code ingest-service/src/test/resources/mail}, read in place), in
 * the proportions of the parse + classify benchmark: half people's plain-text mail, 15 % HTML mail, 15 % bounces and
 * complaints, 10 % auto-replies, 10 % mail with attachments. Each message sent is a variant with its own Message-ID,
 * so every one is a new job and a new stored message.
 *
 * <p>Open loop: message {@code i} is due at {@code start + i / rate} whatever happened to the earlier ones, and its
 * latencies count from that due time, so a suite that falls behind shows it in the figures instead of slowing the
 * client down. Readable latency is measured on a sample (about ten messages a second, each polled with {@code GET
 * /v1/messages/{key}} every 10 ms at first, then after a twentieth of the time it has waited); every message is
 * counted through content-service's database, whose {@code created} column (the storing transaction's start) also
 * gives a lower bound of the stored latency of all of them.
 *
 * <p>The default run is short (50 messages a second for 3 seconds). The long run is a command with system
 * properties, see {@code docs/benchmarks.md}: {@code -Dload.rate} (messages per second), {@code -Dload.seconds} (per
 * stage), {@code -Dload.ramp=true} (after each stage the suite kept up with, another at 1.5 times the rate, until it
 * does not), {@code -Dload.clients} (concurrent HTTP clients, 64), {@code -Dload.warmup} (seconds at the first rate before
 * the measured stages, 0).
 */
class IngestLoadIT {

    private static final double RATE = Double.parseDouble(System.getProperty("load.rate", "50"));
    private static final int SECONDS = Integer.getInteger("load.seconds", 3);
    private static final boolean RAMP = Boolean.getBoolean("load.ramp");
    private static final int CLIENTS = Integer.getInteger("load.clients", 64);
    private static final int WARM_UP_SECONDS = Integer.getInteger("load.warmup", 0);
    private static final double RAMP_FACTOR = 1.5;
    private static final int MAX_STAGES = 10;
    private static final double SAMPLES_PER_SECOND = 10;
    private static final Duration POLL = Duration.ofMillis(10);
    /** How long a stage may take to drain after its last message was due before the suite counts as behind. */
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(60);

    private static final Pattern STORAGE_KEY = Pattern.compile("\"storage_key\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern MESSAGE_TYPE = Pattern.compile("\"message_type\"\\s*:\\s*\"([^\"]+)\"");

    private static Suite suite;
    private static String token;
    private static String tenantId;
    private static HttpClient http;
    private static int warmUpAccepted;

    /** The kinds of the mix, with their share in percent. */
    private enum Kind {
        PLAIN(50),
        HTML(15),
        BOUNCE(15),
        AUTO_REPLY(10),
        ATTACHMENT(10);

        final int share;

        Kind(int share) {
            this.share = share;
        }
    }

    @BeforeAll
    static void startSuite() {
        // Assigned before starting, so that services started before a failure are stopped in stopSuite.
        suite = new Suite();
        suite.start();
        Suite.Tenant tenant = suite.createTenant("Load Test Tenant");
        tenantId = tenant.id();
        token = tenant.token();
        http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    /**
     * Runs the first stage's rate for {@code load.warmup} seconds before the measured stages: the JIT of four service
     * JVMs on two cores takes about half a minute of load, and the targets are about the running suite, not its first
     * minute. Its messages count in the exactly-once accounting like every other.
     */
    private static Stage warmUp(List<byte[]> mix) throws Exception {
        Stage warmUp = new Stage(RATE, WARM_UP_SECONDS, 0);
        if (warmUp.count > 0) {
            warmUp.run(mix);
            System.out.println(warmUp.report().replace("LOAD stage", "LOAD warm-up (not measured)"));
        }
        return warmUp;
    }

    @Test
    void everyMessageAcceptedUnderLoadIsStoredExactlyOnce() throws Exception {
        List<byte[]> mix = mix();
        List<Stage> stages = new ArrayList<>();
        double rate = RATE;
        Stage warmUp = warmUp(mix);
        int sent = warmUp.count;
        while (true) {
            Stage stage = new Stage(rate, SECONDS, sent);
            stage.run(mix);
            System.out.println(stage.report());
            stages.add(stage);
            sent += stage.count;
            if (!RAMP || !stage.keptUp() || stages.size() == MAX_STAGES) {
                break;
            }
            rate *= RAMP_FACTOR;
        }
        System.out.println(summary(stages));
        System.out.println(machineLimits(stages, mix));

        List<String> accepted = new ArrayList<>(warmUp.accepted.keySet());
        stages.forEach(s -> accepted.addAll(s.accepted.keySet()));
        assertThat(stages.get(0).failures)
                .as("requests refused or failed in the first stage")
                .isEmpty();
        // A suite that fell behind still has to store everything it accepted: speed is reported, not asserted.
        await().atMost(Duration.ofMinutes(10)).until(() -> storedRows(accepted) >= accepted.size());
        assertThat(storedRows(accepted))
                .as("rows in content for the accepted keys")
                .isEqualTo(accepted.size());
        await().atMost(Duration.ofSeconds(30)).until(() -> storedRowsOfTenant() >= warmUpAccepted + accepted.size());
        assertThat(storedRowsOfTenant())
                .as("rows in content for the tenant: the warm-up's and the accepted ones, none twice")
                .isEqualTo(warmUpAccepted + accepted.size());
        await().atMost(Duration.ofSeconds(30)).until(() -> unfinishedJobs() == 0);
        assertThat(unfinishedJobs()).as("ingest jobs not published").isZero();
    }

    /**
     * One fixed-rate stage: sends {@code rate * seconds} messages on schedule from a pool of clients, samples some for
     * readable latency, then waits until content-service stored every accepted one (or gives up after {@link
     * #DRAIN_LIMIT}).
     */
    private static final class Stage {

        final double rate;
        final int seconds;
        final int count;
        final int offset;
        final Map<String, Long> accepted = new ConcurrentHashMap<>();
        final Queue<String> failures = new ConcurrentLinkedQueue<>();
        final Queue<Long> postMillis = new ConcurrentLinkedQueue<>();
        final Queue<Long> lagMillis = new ConcurrentLinkedQueue<>();
        final Queue<Long> readableMillis = new ConcurrentLinkedQueue<>();
        final Map<String, AtomicInteger> types = new ConcurrentHashMap<>();
        final Map<String, Long> sampled = new ConcurrentHashMap<>();
        long start;
        long lastDue;
        long drainedAt;
        List<Long> storedMillis = List.of();
        String loadBefore;
        String loadAfter;

        Stage(double rate, int seconds, int offset) {
            this.rate = rate;
            this.seconds = seconds;
            this.count = (int) Math.round(rate * seconds);
            this.offset = offset;
        }

        void run(List<byte[]> mix) throws Exception {
            loadBefore = loadAverage();
            long storedBefore = storedRowsOfTenant();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            ExecutorService poller = Executors.newSingleThreadExecutor();
            long sampleEvery = Math.max(1, Math.round(rate / SAMPLES_PER_SECOND));
            start = System.nanoTime();
            poller.submit(this::pollSamples);
            for (int i = 0; i < count; i++) {
                long due = start + (long) (i * 1e9 / rate);
                LockSupport.parkNanos(due - System.nanoTime());
                int n = offset + i;
                boolean sample = i % sampleEvery == 0;
                clients.submit(() -> send(InboundSamples.variant(mix.get(n % mix.size()), "load", n), due, sample));
            }
            lastDue = start + (long) ((count - 1) * 1e9 / rate);
            clients.shutdown();
            clients.awaitTermination(5, TimeUnit.MINUTES);
            awaitStored(storedBefore + accepted.size());
            poller.shutdownNow();
            poller.awaitTermination(10, TimeUnit.SECONDS);
            storedMillis = storedLatencies();
            loadAfter = loadAverage();
        }

        private void send(byte[] raw, long due, boolean sample) {
            long began = System.nanoTime();
            lagMillis.add((began - due) / 1_000_000);
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(suite.url("ingest-service") + "/v1/inbound/raw"))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "message/rfc822")
                                .timeout(Duration.ofSeconds(60))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(raw))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                postMillis.add((System.nanoTime() - began) / 1_000_000);
                if (response.statusCode() != 202) {
                    failures.add(response.statusCode() + " " + response.body());
                    return;
                }
                String key = group(STORAGE_KEY, response.body());
                accepted.put(key, due);
                types.computeIfAbsent(group(MESSAGE_TYPE, response.body()), t -> new AtomicInteger())
                        .incrementAndGet();
                if (sample) {
                    sampled.put(key, due);
                }
            } catch (IOException e) {
                failures.add(e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /**
         * Polls every sampled message that is not readable yet, all of a round at once (one after another, each
         * sample's check would wait for the others' round trips). A sample is checked again after a twentieth of the
         * time it has waited (at least 10 ms), so the measurement is within 5 % while the number of reads stays small:
         * polling every sample every 10 ms made the readers' own load grow with the backlog they measured.
         */
        private void pollSamples() {
            Map<String, Long> nextCheck = new HashMap<>();
            while (!Thread.currentThread().isInterrupted()) {
                long now = System.nanoTime();
                List<CompletableFuture<Void>> round = new ArrayList<>();
                for (Map.Entry<String, Long> entry : List.copyOf(sampled.entrySet())) {
                    String key = entry.getKey();
                    long waited = now - entry.getValue();
                    if (nextCheck.getOrDefault(key, Long.MIN_VALUE) > now) {
                        continue;
                    }
                    nextCheck.put(key, now + Math.max(POLL.toNanos(), waited / 20));
                    round.add(readable(key).thenAccept(ok -> {
                        if (ok) {
                            readableMillis.add((System.nanoTime() - entry.getValue()) / 1_000_000);
                            sampled.remove(key);
                        }
                    }));
                }
                CompletableFuture.allOf(round.toArray(CompletableFuture[]::new)).join();
                nextCheck.keySet().retainAll(sampled.keySet());
                LockSupport.parkNanos(POLL.toNanos());
            }
        }

        private void awaitStored(long expected) throws Exception {
            long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
            while (storedRowsOfTenant() < expected && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            drainedAt = System.nanoTime();
            // The sampled messages are all stored now; give their pollers a last round.
            long samplesDeadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!sampled.isEmpty() && System.nanoTime() < samplesDeadline) {
                Thread.sleep(20);
            }
        }

        /** Each accepted message's time from due to the start of the content transaction that stored it. */
        private List<Long> storedLatencies() throws SQLException {
            long nowNanos = System.nanoTime();
            long nowMillis = System.currentTimeMillis();
            List<Long> millis = new ArrayList<>();
            try (Connection c = DriverManager.getConnection(Suite.database("content-service"), "postgres", "");
                    PreparedStatement ps = c.prepareStatement("SELECT storage_key, extract(epoch FROM created) * 1000"
                            + " FROM email_messages WHERE storage_key = ANY(?)")) {
                ps.setArray(1, keysArray(c, List.copyOf(accepted.keySet())));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long dueMillis = nowMillis - (nowNanos - accepted.get(rs.getString(1))) / 1_000_000;
                        millis.add(Math.round(rs.getDouble(2)) - dueMillis);
                    }
                }
            }
            return millis;
        }

        /** The rate at which messages were stored: accepted messages over the time from the start to the last one. */
        double sustained() {
            return accepted.size() / ((drainedAt - start) / 1e9);
        }

        /** Kept up: nothing refused, the client sent on time, and the suite stored at 95 % of the offered rate. */
        boolean keptUp() {
            return failures.isEmpty()
                    && percentile(List.copyOf(lagMillis), 99) < 1000
                    && storedMillis.size() == accepted.size()
                    && sustained() >= 0.95 * rate;
        }

        String report() {
            return String.format(
                    Locale.ROOT,
                    "LOAD stage %.0f msg/s x %d s: sent %d, accepted %d %s, refused or failed %d%s;"
                            + " sustained %.1f msg/s (last stored %.2f s after the last was due);"
                            + " POST p50 %d ms p99 %d ms; readable (GET, %d sampled) p50 %d ms p95 %d ms p99 %d ms"
                            + " max %d ms; stored (content tx start, all %d) p50 %d ms p95 %d ms p99 %d ms;"
                            + " client lag p99 %d ms; kept up: %s; load average %s -> %s",
                    rate,
                    seconds,
                    count,
                    accepted.size(),
                    types,
                    failures.size(),
                    failures.isEmpty() ? "" : " (first: " + failures.peek() + ")",
                    sustained(),
                    (drainedAt - lastDue) / 1e9,
                    percentile(List.copyOf(postMillis), 50),
                    percentile(List.copyOf(postMillis), 99),
                    readableMillis.size(),
                    percentile(List.copyOf(readableMillis), 50),
                    percentile(List.copyOf(readableMillis), 95),
                    percentile(List.copyOf(readableMillis), 99),
                    percentile(List.copyOf(readableMillis), 100),
                    storedMillis.size(),
                    percentile(storedMillis, 50),
                    percentile(storedMillis, 95),
                    percentile(storedMillis, 99),
                    percentile(List.copyOf(lagMillis), 99),
                    keptUp() ? "yes" : "no",
                    loadBefore,
                    loadAfter);
        }
    }

    private static String summary(List<Stage> stages) {
        double best = stages.stream()
                .filter(Stage::keptUp)
                .mapToDouble(Stage::sustained)
                .max()
                .orElse(0);
        return String.format(
                Locale.ROOT,
                "LOAD summary: %d stage(s), highest sustained rate in a stage the suite kept up with: %.1f msg/s",
                stages.size(),
                best);
    }

    /**
     * The machine's raw limits for the same payloads (as many as the stages sent, at least 5,000), measured after the
     * stages so that they do not warm the suite, and the best stage as a fraction of the lower one.
     */
    private static String machineLimits(List<Stage> stages, List<byte[]> mix) throws Exception {
        int count = Math.max(5_000, stages.stream().mapToInt(s -> s.count).sum());
        List<byte[]> payloads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            payloads.add(InboundSamples.variant(mix.get(i % mix.size()), "limit", i));
        }
        double kafka = MachineLimits.kafka(suite.broker.bootstrapServers(), payloads);
        double postgres = MachineLimits.postgres(Suite.database("content-service"), payloads);
        double best = stages.stream().mapToDouble(Stage::sustained).max().orElse(0);
        return String.format(
                Locale.ROOT,
                "LOAD machine limits over %d payloads of the mix: Kafka produce (acks=all) + consume %.0f records/s,"
                        + " PostgreSQL insert (500 rows a transaction) %.0f rows/s; the suite's best stage %.1f msg/s"
                        + " is %.1f %% of the lower",
                count,
                kafka,
                postgres,
                best,
                100 * best / Math.min(kafka, postgres));
    }

    /**
     * The samples in the proportions of {@link Kind}. Each sample is posted once first: that warms the suite and
     * tells each one's type (ingest's answer); mail that is not a bounce, complaint or auto-reply is put by its
     * bytes with attachments, HTML or plain.
     */
    private static List<byte[]> mix() throws Exception {
        Map<Kind, List<byte[]>> byKind = new EnumMap<>(Kind.class);
        for (byte[] raw : InboundSamples.all()) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(suite.url("ingest-service") + "/v1/inbound/raw"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "message/rfc822")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(raw))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 202) {
                warmUpAccepted++;
                byKind.computeIfAbsent(kind(group(MESSAGE_TYPE, response.body()), raw), k -> new ArrayList<>())
                        .add(raw);
            }
        }
        // The warm-up is stored before the first stage, so that the stage counts only its own messages.
        await().atMost(Duration.ofSeconds(60)).until(() -> storedRowsOfTenant() >= warmUpAccepted);
        List<byte[]> mix = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            List<byte[]> ofKind = byKind.get(kind);
            assertThat(ofKind).as("samples of kind " + kind).isNotEmpty();
            for (int i = 0; i < kind.share * 10; i++) {
                mix.add(ofKind.get(i % ofKind.size()));
            }
        }
        Collections.shuffle(mix, new Random(42));
        return mix;
    }

    private static Kind kind(String messageType, byte[] raw) {
        switch (messageType) {
            case "bounce", "complaint" -> {
                return Kind.BOUNCE;
            }
            case "auto_reply" -> {
                return Kind.AUTO_REPLY;
            }
            default -> {
                String text = new String(raw, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
                if (text.contains("content-disposition: attachment") || text.contains("name=")) {
                    return Kind.ATTACHMENT;
                }
                return text.contains("text/html") ? Kind.HTML : Kind.PLAIN;
            }
        }
    }

    private static CompletableFuture<Boolean> readable(String key) {
        return http.sendAsync(
                        HttpRequest.newBuilder(URI.create(suite.url("content-service") + "/v1/messages/" + key))
                                .header("Authorization", "Bearer " + token)
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .thenApply(response -> response.statusCode() == 200)
                .exceptionally(e -> false);
    }

    private static long storedRows(List<String> keys) throws SQLException {
        try (Connection c = DriverManager.getConnection(Suite.database("content-service"), "postgres", "");
                PreparedStatement ps =
                        c.prepareStatement("SELECT count(*) FROM email_messages WHERE storage_key = ANY(?)")) {
            ps.setArray(1, keysArray(c, keys));
            return single(ps);
        }
    }

    private static long storedRowsOfTenant() throws SQLException {
        return tenantCount("SELECT count(*) FROM email_messages WHERE tenant_id = ?::uuid");
    }

    private static long tenantCount(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(Suite.database("content-service"), "postgres", "");
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenantId);
            return single(ps);
        }
    }

    private static long unfinishedJobs() throws SQLException {
        try (Connection c = DriverManager.getConnection(Suite.database("ingest-service"), "postgres", "");
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM jobs WHERE status <> 'done'")) {
            return single(ps);
        }
    }

    private static Array keysArray(Connection c, List<String> keys) throws SQLException {
        return c.createArrayOf("varchar", keys.toArray());
    }

    private static long single(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String group(Pattern pattern, String body) {
        Matcher m = pattern.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("unexpected answer: " + body);
        }
        return m.group(1);
    }

    private static long percentile(List<Long> values, int percent) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + "/" + fields[1] + "/" + fields[2];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
