package io.penguinmails.content;

import static org.assertj.core.api.Assertions.assertThat;

import io.penguinmails.content.rest.PageCursor;
import io.penguinmails.content.service.DictionaryTrainer;
import io.penguinmails.content.service.MessageStorageService;
import io.penguinmails.contracts.CloudEvent;
import io.penguinmails.contracts.EventJson;
import io.penguinmails.contracts.MailEvent;
import io.penguinmails.contracts.OutboundMailEvent;
import io.penguinmails.contracts.StorageKeys;
import io.penguinmails.contracts.Topics;
import io.penguinmails.infra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.smallrye.reactive.messaging.PausableChannel;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Measures the store: compression on campaign-like mail and on the real corpus, consumer write throughput over the
 * real broker, and the p50/p99 of every read, listing filter, search and the storage stats through HTTP over a
 * million seeded messages ({@code -Dbench.messages=N} seeds another number). Excluded from the build (surefire
 * excludes {@code *Benchmark}); it cleans its database at start, so give it its own:
 * {@code ./mvnw -o -pl content-service test -Dtest=StorageBenchmark -Dspotless.check.skip=true
 * -Dcontent-test-database=penguin_content_bench -Dcorpus.dir=/work/shared/corpus}.
 */
@QuarkusTest
@QuarkusTestResource(
        value = ContentTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_content_test"))
class StorageBenchmark {

    private static final List<String> MAIL_CHANNELS =
            List.of("mail-inbound-in", "mail-bounce-in", "mail-autoreply-in", "mail-outbound-in");

    /** Messages the query benchmark seeds: {@code -Dbench.messages=N}, a million unless told. */
    private static final int MESSAGES = Integer.getInteger("bench.messages", 1_000_000);
    /** The seeded mail spans 90 days whatever its size, so that date windows mean the same at every size. */
    private static final double SECONDS_PER_MESSAGE = 90 * 86_400.0 / MESSAGES;

    private static final int TENANTS = 40;
    private static final int WARM_UP = 1_000;
    private static final int RUNS = 1_000;
    private static final String[] WORDS = {
        "pricing", "onboarding", "penguins", "integration", "renewal", "deliverability", "warmup", "invoice",
        "contract", "webinar", "pilot", "security", "migration", "budget", "quarter", "roadmap"
    };

    private final HttpClient http = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URI base;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    ChannelRegistry channels;

    @Inject
    DataSource dataSource;

    @Inject
    MessageStorageService storage;

    @Inject
    DictionaryTrainer trainer;

    @Test
    void compressionOnCampaignMailAndOnTheCorpus() throws Exception {
        String tenant = UUID.randomUUID().toString();
        CampaignMail mail = new CampaignMail(tenant, 42);
        store(mail.mix(1000, 5));
        trainer.train(UUID.fromString(tenant)).orElseThrow();
        store(mail.mix(2000, 5));
        report("campaign mail (4 sends : 1 reply), first 1000 before the dictionary", tenant, "zstd");
        report("campaign mail (4 sends : 1 reply), next 2000 with the tenant's dictionary", tenant, "zstd-dict:%");
        String corpusDir = System.getProperty("corpus.dir");
        if (corpusDir == null) {
            System.out.println("BENCH corpus: -Dcorpus.dir not set, skipped");
            return;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of(corpusDir))) {
            files = walk.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
        }
        String corpusTenant = UUID.randomUUID().toString();
        List<Object> even = new ArrayList<>();
        List<Object> odd = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            (i % 2 == 0 ? even : odd).add(rawOnly(corpusTenant, Files.readAllBytes(files.get(i))));
        }
        store(even);
        trainer.train(UUID.fromString(corpusTenant)).orElseThrow();
        store(odd);
        report("corpus " + files.size() + " .eml, even files before the dictionary", corpusTenant, "zstd");
        report("corpus, odd files with a dictionary trained on the even ones", corpusTenant, "zstd-dict:%");
    }

    /**
     * The consumers are paused while the events are published, so that the figure is the service's own write rate,
     * not shared with the producer's CPU on the same two cores; the publishing time is reported beside it. Rounds
     * of the same size (each its own tenant, three by default) warm the service up first: in a cold JVM the C2
     * compiler takes a third to half of a core through the first 40,000 messages, which a running service has long
     * paid.
     */
    @Test
    void consumerThroughput() throws Exception {
        int size = Integer.getInteger("bench.consumer-events", 20_000);
        for (int round = 1; round <= Integer.getInteger("bench.consumer-warm-ups", 3); round++) {
            publishPausedThenStore("warm-up " + round, size);
        }
        publishPausedThenStore("measured", size);
    }

    private void publishPausedThenStore(String round, int size) throws Exception {
        String tenant = UUID.randomUUID().toString();
        List<Object> events = new CampaignMail(tenant, 7).mix(size, 5);
        List<PausableChannel> consumers =
                MAIL_CHANNELS.stream().map(channels::getPausable).toList();
        consumers.forEach(PausableChannel::pause);
        long start = System.nanoTime();
        publish(events);
        long published = System.nanoTime();
        consumers.forEach(PausableChannel::resume);
        awaitStored(tenant, events.size());
        long stored = System.nanoTime();
        System.out.printf(
                "BENCH throughput (%s): %d events (%d sends, %d replies) published in %.1f s with the consumers"
                        + " paused, all stored %.1f s after they resumed: %.0f msg/s%n",
                round,
                events.size(),
                events.stream().filter(e -> e instanceof OutboundMailEvent).count(),
                events.stream().filter(e -> e instanceof MailEvent).count(),
                (published - start) / 1e9,
                (stored - published) / 1e9,
                events.size() / ((stored - published) / 1e9));
        assertThat(count("SELECT count(*) FROM email_messages WHERE tenant_id = ?::uuid", tenant))
                .isEqualTo(events.size());
    }

    private void awaitStored(String tenant, int expected) throws Exception {
        long deadline = System.currentTimeMillis() + 600_000;
        while (count("SELECT count(*) FROM email_messages WHERE tenant_id = ?::uuid", tenant) < expected
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
    }

    @Test
    void queryLatencyOnAMillionMessages() throws Exception {
        long seedStart = System.nanoTime();
        List<UUID> tenants = seed();
        System.out.printf(
                "BENCH seed: %d messages over %d tenants in %d s%n",
                MESSAGES, TENANTS, (System.nanoTime() - seedStart) / 1_000_000_000);
        UUID big = tenants.get(0);
        System.out.printf(
                "BENCH largest tenant: %d messages%n",
                count("SELECT count(*) FROM email_messages WHERE tenant_id = ?::uuid", big.toString()));
        String token = TestTokens.forTenant(big.toString());
        List<MessageFilter.Position> sample = samplePositions(big, 2000);
        Random random = new Random(7);
        timeReads(token, sample, random);
        timeFilters(token, random);
        timeCombinations(token, random);
        timeSearches(token, random);
        time("GET /v1/storage/stats", i -> get(token, "/v1/storage/stats", Map.of()));
        // The first query timed is also the one that meets the least compiled service: time it once more, warm.
        time(
                "GET /v1/messages/{key} again, after the other queries",
                i -> get(token, "/v1/messages/" + pick(sample, random), Map.of()));
        printTableSizes();
    }

    private void timeReads(String token, List<MessageFilter.Position> sample, Random random) {
        time("GET /v1/messages/{key}", i -> get(token, "/v1/messages/" + pick(sample, random), Map.of()));
        time(
                "GET /v1/messages/{key}/thread",
                i -> get(token, "/v1/messages/" + pick(sample, random) + "/thread", Map.of()));
        time("list newest page", i -> list(token, Map.of()));
        time(
                "list keyset page deep (cursor)",
                i -> list(token, Map.of("cursor", PageCursor.encode(sample.get(random.nextInt(sample.size()))))));
    }

    private void timeFilters(String token, Random random) {
        time("list email_account_id", i -> list(token, Map.of("email_account_id", "acct-" + random.nextInt(20))));
        time("list campaign_id", i -> list(token, Map.of("campaign_id", "camp-" + random.nextInt(30))));
        time("list lead_id", i -> list(token, Map.of("lead_id", "lead-" + random.nextInt(50_000))));
        time("list direction=inbound", i -> list(token, Map.of("direction", "inbound")));
        time("list message_type=bounce", i -> list(token, Map.of("message_type", "bounce")));
        time("list status=replied", i -> list(token, Map.of("status", "replied")));
        time("list from= a lead (few)", i -> list(token, Map.of("from", lead(random))));
        time("list from= a mailbox (many)", i -> list(token, Map.of("from", mailbox(random))));
        time("list to= a lead (few)", i -> list(token, Map.of("to", lead(random))));
        time("list to= a mailbox (many)", i -> list(token, Map.of("to", mailbox(random))));
        time(
                "list since= last 7 days",
                i -> list(token, Map.of("since", daysAgo(7).toString())));
        time("list since/until one week, up to 80 days back", i -> {
            Instant until = daysAgo(random.nextInt(80));
            list(token, Map.of("since", until.minus(Duration.ofDays(7)).toString(), "until", until.toString()));
        });
    }

    private void timeCombinations(String token, Random random) {
        time(
                "list email_account_id + direction=inbound",
                i -> list(token, Map.of("email_account_id", "acct-" + random.nextInt(20), "direction", "inbound")));
        time(
                "list email_account_id + message_type=bounce",
                i -> list(token, Map.of("email_account_id", "acct-" + random.nextInt(20), "message_type", "bounce")));
        time(
                "list campaign_id + direction=inbound",
                i -> list(token, Map.of("campaign_id", "camp-" + random.nextInt(30), "direction", "inbound")));
    }

    private void timeSearches(String token, Random random) {
        time("search q= common word", i -> list(token, Map.of("q", WORDS[i % 4])));
        time("search q= rare word", i -> list(token, Map.of("q", WORDS[12 + i % 4])));
        time("search q= two words", i -> list(token, Map.of("q", WORDS[i % 4] + " " + WORDS[4 + i % 8])));
        time(
                "search q= + campaign_id",
                i -> list(token, Map.of("q", WORDS[i % 8], "campaign_id", "camp-" + random.nextInt(30))));
    }

    private void list(String token, Map<String, String> params) {
        get(token, "/v1/messages", params);
    }

    /**
     * One call over a kept-alive connection of the JDK's client, as a service calling this one would make it;
     * RestAssured opens a connection and builds its request machinery per call, which costs more than the read itself.
     */
    private void get(String token, String path, Map<String, String> params) {
        String query = params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(
                        base.resolve(path.substring(1) + (query.isEmpty() ? "" : "?" + query)))
                .header("Authorization", "Bearer " + token)
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String pick(List<MessageFilter.Position> sample, Random random) {
        return sample.get(random.nextInt(sample.size())).storageKey();
    }

    private static String lead(Random random) {
        return "lead" + random.nextInt(50_000) + "@example.org";
    }

    private static String mailbox(Random random) {
        return "sender" + random.nextInt(20) + "@acme.example";
    }

    private static Instant daysAgo(int days) {
        return Instant.now().minus(Duration.ofDays(days));
    }

    private void printTableSizes() throws Exception {
        try (Connection c = dataSource.getConnection();
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT pg_size_pretty(pg_total_relation_size('email_messages')),"
                                + " pg_size_pretty(pg_total_relation_size('email_content'))")) {
            rs.next();
            System.out.printf(
                    "BENCH table sizes: email_messages %s, email_content %s%n", rs.getString(1), rs.getString(2));
        }
    }

    /**
     * {@link #MESSAGES} messages (a million unless told) over 40 tenants (the first holds about a third; the rest
     * share the others unevenly), 20 mailboxes and 30 campaigns per tenant, 50,000 leads, 90 days; every fifth message
     * a reply to the one before, one in fifty a bounce. Generated in SQL: a row-by-row load would measure the client.
     */
    private List<UUID> seed() throws Exception {
        List<UUID> tenants = new ArrayList<>();
        for (int t = 0; t < TENANTS; t++) {
            tenants.add(new UUID(0x5eedL, t));
        }
        String tenantOf = "(ARRAY["
                + String.join(
                        ",", tenants.stream().map(u -> "'" + u + "'::uuid").toList())
                + "])[1 + CASE WHEN g % 3 = 0 THEN 0 ELSE 1 + (abs(hashint4(g)) % " + (TENANTS - 1) + ") END]";
        String words = "(ARRAY['" + String.join("','", WORDS) + "'])";
        String messagesSql =
                "INSERT INTO email_messages (storage_key, tenant_id, email_account_id, campaign_id, lead_id,"
                        + " step_id, direction, message_type, status, message_id, in_reply_to, references_ids, from_email,"
                        + " to_emails, subject, sent_date, received_at, created)"
                        + " SELECT 'mid_' || encode(sha256(convert_to('bench' || g, 'UTF8')), 'hex'), " + tenantOf + ","
                        + " 'acct-' || (g % 20), 'camp-' || (g % 30), 'lead-' || (g % 50000), 'step-' || (g % 3),"
                        + " CASE WHEN g % 5 = 0 THEN 'inbound' ELSE 'outbound' END,"
                        + " CASE WHEN g % 50 = 1 THEN 'bounce' ELSE 'email' END,"
                        + " CASE WHEN g % 5 = 0 THEN 'received' WHEN g % 50 = 1 THEN 'bounced' WHEN g % 7 = 0 THEN 'replied'"
                        + " ELSE 'sent' END, '<bench.' || g || '@acme.example>',"
                        + " CASE WHEN g % 5 = 0 THEN '<bench.' || (g - 1) || '@acme.example>' END,"
                        + " CASE WHEN g % 5 = 0 THEN ARRAY['<bench.' || (g - 1) || '@acme.example>'] ELSE '{}'::text[] END,"
                        + " CASE WHEN g % 5 = 0 THEN 'lead' || (g % 50000) || '@example.org' ELSE 'sender' || (g % 20)"
                        + " || '@acme.example' END,"
                        + " jsonb_build_array(jsonb_build_object('address', CASE WHEN g % 5 = 0 THEN 'sender' || (g % 20)"
                        + " || '@acme.example' ELSE 'lead' || (g % 50000) || '@example.org' END)),"
                        + " 'Quick question about ' || " + words + "[1 + g % 4] || ' #' || g,"
                        + " now() - make_interval(secs => g * ?), now() - make_interval(secs => g * ?),"
                        + " now() - make_interval(secs => g * ?) FROM generate_series(?, ?) g";
        // Body words: the first four common (every message has one), the last four rare (one in 500).
        // Storage format 3, as the consumers write: the row, and its content under its hash in shared_contents.
        String contentSql = "WITH src AS (SELECT m.storage_key, m.tenant_id, m.subject, m.created, b.text,"
                + " encode(sha256(convert_to(m.storage_key, 'UTF8')), 'hex') AS hash"
                + " FROM email_messages m, LATERAL (SELECT 'Hi there, I noticed your team is growing and wanted to ask'"
                + " || ' whether ' || " + words + "[5 + abs(hashtext(m.storage_key)) % 8] || ' is on your roadmap. '"
                + " || CASE WHEN abs(hashtext(m.storage_key || 'r')) % 500 = 0 THEN " + words
                + "[13 + abs(hashtext(m.storage_key)) % 4] ELSE '' END || ' Best, Sam' AS text) b"
                + " WHERE m.storage_key IN (SELECT 'mid_' || encode(sha256(convert_to('bench' || g, 'UTF8')), 'hex')"
                + " FROM generate_series(?, ?) g)),"
                + " shared AS (INSERT INTO shared_contents (tenant_id, content_hash, bodies, stored_bytes, expires, created)"
                // The codec's layout: form byte 0 (stored), then text, html and headers length-prefixed (-1: null).
                + " SELECT tenant_id, hash, '\\x00'::bytea || int4send(octet_length(text)) || convert_to(text, 'UTF8')"
                + " || '\\xffffffffffffffff'::bytea, octet_length(text) + 13, now() + interval '7 years', created FROM src)"
                + " INSERT INTO email_content (storage_key, tenant_id, raw_size_bytes, compressed_size_bytes, content_hash,"
                + " compression_algorithm, expires, subject, storage_format, body_size_bytes, body_stored_bytes, created,"
                + " search_tsv) SELECT storage_key, tenant_id, 2400, 300, hash, 'none', now() + interval '7 years', subject,"
                + " 3, octet_length(text) + 12, octet_length(text) + 13, created,"
                + " setweight(to_tsvector('simple', subject), 'A') || to_tsvector('simple', text) FROM src";
        try (Connection c = dataSource.getConnection()) {
            for (int from = 1; from <= MESSAGES; from += 100_000) {
                int to = Math.min(MESSAGES, from + 99_999);
                try (PreparedStatement ps = c.prepareStatement(messagesSql)) {
                    for (int i = 1; i <= 3; i++) {
                        ps.setDouble(i, SECONDS_PER_MESSAGE);
                    }
                    ps.setInt(4, from);
                    ps.setInt(5, to);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement(contentSql)) {
                    ps.setInt(1, from);
                    ps.setInt(2, to);
                    ps.executeUpdate();
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO storage_daily (tenant_id, day, messages, raw_bytes, stored_bytes, body_bytes)"
                        + " SELECT tenant_id, (created AT TIME ZONE 'UTC')::date, count(*), sum(raw_size_bytes),"
                        + " sum(compressed_size_bytes), sum(body_stored_bytes) FROM email_content GROUP BY 1, 2"
                        + " ON CONFLICT (tenant_id, day) DO UPDATE SET messages = excluded.messages");
                s.execute("VACUUM ANALYZE email_messages");
                s.execute("VACUUM ANALYZE email_content");
                s.execute("VACUUM ANALYZE shared_contents");
                s.execute("ANALYZE storage_daily");
            }
        }
        return tenants;
    }

    /** Random messages of the tenant, as keyset positions (a message's key, and where a page would end on it). */
    private List<MessageFilter.Position> samplePositions(UUID tenant, int n) throws Exception {
        List<MessageFilter.Position> positions = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT received_at, storage_key FROM email_messages"
                        + " WHERE tenant_id = ? ORDER BY random() LIMIT ?")) {
            ps.setObject(1, tenant);
            ps.setInt(2, n);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    positions.add(new MessageFilter.Position(rs.getTimestamp(1).toInstant(), rs.getString(2)));
                }
            }
        }
        return positions;
    }

    /** Prints p50 and p99 of a call, after a warm-up; a slow call is timed fewer times rather than for hours. */
    private static void time(String what, IntConsumer query) {
        repeat(query, WARM_UP, Duration.ofSeconds(10));
        List<Long> micros = repeat(query, RUNS, Duration.ofSeconds(60));
        Collections.sort(micros);
        int n = micros.size();
        System.out.printf(
                "BENCH %-52s p50 %8.2f ms  p99 %8.2f ms  (%d calls)%n",
                what, micros.get(n / 2) / 1000.0, micros.get(Math.max(0, n * 99 / 100 - 1)) / 1000.0, n);
    }

    /** Up to {@code times} calls, fewer when the budget runs out first (at least one); each call's microseconds. */
    private static List<Long> repeat(IntConsumer query, int times, Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < times && (i == 0 || System.nanoTime() < deadline); i++) {
            long start = System.nanoTime();
            query.accept(i);
            micros.add((System.nanoTime() - start) / 1000);
        }
        return micros;
    }

    /**
     * Deduplication where real mail repeats: the corpus as a team mailbox receives it (every message delivered to three
     * members' mailboxes) and a broadcast (one campaign email, not personalised, to 1,000 leads).
     */
    @Test
    void deduplication() throws Exception {
        String corpusDir = System.getProperty("corpus.dir");
        if (corpusDir == null) {
            System.out.println("BENCH dedup: -Dcorpus.dir not set, corpus part skipped");
        } else {
            String team = UUID.randomUUID().toString();
            store(deliveredToThreeMailboxes(team, Path.of(corpusDir)));
            reportDedup("corpus, each message in 3 mailboxes", team);
        }
        String broadcaster = UUID.randomUUID().toString();
        List<Object> broadcast = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            broadcast.add(MailEvents.outbound(
                    broadcaster,
                    "<pm.broadcast." + i + "@acme.example>",
                    "camp-news",
                    "lead-" + i,
                    "lead" + i + "@example.org",
                    "What is new in November",
                    "Three things shipped this month: shared inboxes, faster search and a new API. Read more"
                            + " on our blog, and reply if you want a walkthrough."));
        }
        store(broadcast);
        reportDedup("broadcast, one email to 1000 leads", broadcaster);
    }

    private static List<Object> deliveredToThreeMailboxes(String tenant, Path corpus) throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(corpus)) {
            files = walk.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
        }
        List<Object> events = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            byte[] raw = Files.readAllBytes(files.get(i));
            for (String mailbox : List.of("mbx-ana", "mbx-ben", "mbx-cho")) {
                MailEvent e = rawOnly(tenant, raw);
                events.add(MailEvents.inMailbox(
                        MailEvents.variant(e, "<corpus." + i + "@example.org>", "corpus@example.org", List.of()),
                        mailbox));
            }
        }
        return events;
    }

    /** What the tenant's counters say deduplication saved, on content and on attachments. */
    private void reportDedup(String what, String tenant) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT sum(messages), sum(raw_bytes), sum(shared_bytes),"
                        + " sum(content_bytes), sum(attachment_bytes), sum(blob_bytes) FROM storage_daily"
                        + " WHERE tenant_id = ?::uuid")) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                System.out.printf(
                        "BENCH dedup %s: %d messages, raw %d bytes; content encoded %d -> stored once %d bytes (dedup"
                                + " saved %.1f%%, raw to stored %.1f%%); attachments %d -> %d bytes%n",
                        what,
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getLong(3),
                        rs.getLong(4),
                        saved(rs.getLong(3), rs.getLong(4)),
                        saved(rs.getLong(2), rs.getLong(4)),
                        rs.getLong(5),
                        rs.getLong(6));
            }
        }
    }

    private void store(List<Object> events) {
        for (int from = 0; from < events.size(); from += 500) {
            storage.store(events.subList(from, Math.min(events.size(), from + 500)).stream()
                    .map(e -> e instanceof MailEvent m
                            ? storage.prepareInbound(envelope(m.tenantId()), Topics.MAIL_INBOUND, m)
                            : storage.prepareOutbound(
                                    envelope(((OutboundMailEvent) e).tenantId()), (OutboundMailEvent) e))
                    .toList());
        }
    }

    /** What the tenant's rows of an algorithm saved: raw messages alone, and everything stored. */
    private void report(String what, String tenant, String algorithm) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*),"
                        + " sum(CASE WHEN s.raw_message IS NULL THEN 0 ELSE c.raw_size_bytes END),"
                        + " sum(coalesce(octet_length(s.raw_message), 0)), sum(c.body_size_bytes),"
                        + " sum(octet_length(s.bodies)) FROM email_content c JOIN shared_contents s"
                        + " ON s.tenant_id = c.tenant_id AND s.content_hash = c.content_hash"
                        + " WHERE c.tenant_id = ?::uuid AND c.compression_algorithm LIKE ?")) {
            ps.setString(1, tenant);
            ps.setString(2, algorithm);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long raw = rs.getLong(2);
                long rawStored = rs.getLong(3);
                long bodies = rs.getLong(4);
                long bodiesStored = rs.getLong(5);
                System.out.printf(
                        "BENCH compression %s: %d messages; raw messages %d -> %d bytes (saved %.1f%%); bodies"
                                + " %d -> %d (saved %.1f%%); all content %d -> %d (saved %.1f%%)%n",
                        what,
                        rs.getLong(1),
                        raw,
                        rawStored,
                        saved(raw, rawStored),
                        bodies,
                        bodiesStored,
                        saved(bodies, bodiesStored),
                        raw + bodies,
                        rawStored + bodiesStored,
                        saved(raw + bodies, rawStored + bodiesStored));
            }
        }
    }

    /** A real message as ingest would publish it when it parsed nothing: the raw bytes only. */
    private static MailEvent rawOnly(String tenant, byte[] raw) {
        return new MailEvent(
                1,
                StorageKeys.forRawMessage(tenant, raw),
                tenant,
                "corpus",
                "email",
                Instant.now(),
                null,
                null,
                List.of(),
                null,
                List.of(),
                List.of(),
                null,
                null,
                null,
                null,
                List.of(),
                List.of(),
                Base64.getEncoder().encodeToString(raw),
                null,
                null,
                List.of());
    }

    private void publish(List<Object> events) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("linger.ms", "20");
        props.put("batch.size", String.valueOf(512 * 1024));
        // As ingest-service publishes the mail topics.
        props.put("compression.type", "zstd");
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (Object e : events) {
                boolean inbound = e instanceof MailEvent;
                String tenant = inbound ? ((MailEvent) e).tenantId() : ((OutboundMailEvent) e).tenantId();
                String key = inbound ? ((MailEvent) e).storageKey() : ((OutboundMailEvent) e).storageKey();
                String topic = inbound ? Topics.MAIL_INBOUND : Topics.MAIL_OUTBOUND;
                producer.send(new ProducerRecord<>(
                        topic,
                        null,
                        key,
                        EventJson.write(e),
                        new CloudEvent(
                                        MailEvents.newId(),
                                        "io.penguinmails." + topic + ".v1",
                                        "/bench",
                                        Instant.now(),
                                        tenant)
                                .toHeaders()));
            }
            producer.flush();
        }
    }

    private static CloudEvent envelope(String tenant) {
        return new CloudEvent(
                UUID.randomUUID().toString(), "io.penguinmails.bench.v1", "/bench", Instant.now(), tenant);
    }

    private long count(String sql, String parameter) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static double saved(long raw, long stored) {
        return raw == 0 ? 0 : 100.0 * (1 - (double) stored / raw);
    }
}
