package io.penguinmails.content;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDictTrainer;
import io.penguinmails.content.repository.MessageQueryRepository;
import io.penguinmails.content.repository.StorageStatsRepository;
import io.penguinmails.content.service.RawCompressor;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntConsumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Measures the zstd ratio on campaign-like mail and query p99s on 100k seeded messages. Excluded from the build
 * (surefire excludes {@code *Benchmark}); run with
 * {@code ./mvnw -o -pl content-service test -Dtest=StorageBenchmark -Dspotless.check.skip=true}.
 */
@QuarkusTest
@QuarkusTestResource(
        value = ContentTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_content_test"))
class StorageBenchmark {

    private static final int MESSAGES = 100_000;
    private static final int RUNS = 200;
    private static final String[] TOPICS = {"pricing", "onboarding", "penguins", "integration", "renewal"};

    @Inject
    DataSource dataSource;

    @Inject
    RawCompressor compressor;

    @Inject
    MessageQueryRepository queries;

    @Inject
    StorageStatsRepository stats;

    @Test
    void compressionRatioOnCampaignMail() {
        Random random = new Random(42);
        long raw = 0;
        long level3 = 0;
        long level19 = 0;
        for (int i = 0; i < 1000; i++) {
            byte[] message = campaignMessage(i, random);
            raw += message.length;
            level3 += compressor.compress(message).length;
            level19 += Zstd.compress(message, 19).length;
        }
        long dictionary = withDictionary(random);
        System.out.printf(
                "BENCH compression: 1000 campaign messages, avg %d bytes; zstd-3 saved %.1f%%, zstd-19 saved %.1f%%,"
                        + " zstd-3 with a 16 KB dictionary trained on 1000 other messages saved %.1f%%%n",
                raw / 1000, saved(raw, level3), saved(raw, level19), saved(raw, dictionary));
        assertThat(level3).isLessThan(raw);
    }

    @Test
    void queryLatencyOn100kMessages() throws Exception {
        UUID tenant = UUID.randomUUID();
        long seedStart = System.nanoTime();
        seed(tenant);
        System.out.printf("BENCH seed: %d messages in %d ms%n", MESSAGES, (System.nanoTime() - seedStart) / 1_000_000);
        Random random = new Random(7);
        time("list newest page (limit 50)", i -> queries.list(filter(tenant, null, null, null, null)));
        time("list by campaign_id", i -> queries.list(filter(tenant, "camp-" + random.nextInt(50), null, null, null)));
        time(
                "list by to address",
                i -> queries.list(filter(tenant, null, "lead" + random.nextInt(20_000) + "@example.org", null, null)));
        time("full-text q (one word)", i -> queries.list(filter(tenant, null, null, TOPICS[i % 5], null)));
        time(
                "full-text q (two words)",
                i -> queries.list(filter(tenant, null, null, "question " + TOPICS[i % 5], null)));
        time("keyset page deep in the table", i -> queries.list(filter(tenant, null, null, null, position(random))));
        time("thread of a reply", i -> assertThat(queries.thread(tenant, key(4 * (1 + random.nextInt(MESSAGES / 4)))))
                .hasSize(2));
        time("storage stats (30 days)", i -> stats.stats(tenant, 30));
        try (Connection c = dataSource.getConnection();
                var rs = c.createStatement()
                        .executeQuery("SELECT pg_size_pretty(pg_total_relation_size('email_messages')),"
                                + " pg_size_pretty(pg_total_relation_size('email_content'))")) {
            rs.next();
            System.out.printf(
                    "BENCH table sizes: email_messages %s, email_content %s%n", rs.getString(1), rs.getString(2));
        }
    }

    private static MessageFilter filter(
            UUID tenant, String campaign, String to, String q, MessageFilter.Position after) {
        return new MessageFilter(tenant, null, campaign, null, null, null, null, null, null, null, to, q, after, 50);
    }

    private static MessageFilter.Position position(Random random) {
        int g = 1 + random.nextInt(MESSAGES - 100);
        return new MessageFilter.Position(Instant.now().minusSeconds(60L * g), key(g));
    }

    /** The storage key the seed gives message number {@code g}. */
    private static String key(int g) {
        return "mid_" + io.penguinmails.contracts.StorageKeys.sha256Hex(("bench" + g).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * 100k messages of one tenant over 20 mailboxes, 50 campaigns and 20k leads, one minute apart; every fourth is
     * the lead's reply to the message before it. Generated in SQL: a row-by-row load would measure the client.
     */
    private void seed(UUID tenant) throws Exception {
        String messages = "INSERT INTO email_messages (storage_key, tenant_id, email_account_id, campaign_id, lead_id,"
                + " step_id, direction, message_type, status, message_id, in_reply_to, references_ids, from_email,"
                + " to_emails, subject, sent_date, received_at, created)"
                + " SELECT 'mid_' || encode(sha256(convert_to('bench' || g, 'UTF8')), 'hex'), ?, 'acct-' || (g % 20),"
                + " 'camp-' || (g % 50), 'lead-' || (g % 20000), 'step-' || (g % 3),"
                + " CASE WHEN g % 4 = 0 THEN 'inbound' ELSE 'outbound' END, 'email',"
                + " CASE WHEN g % 4 = 0 THEN 'received' ELSE 'sent' END, '<bench.' || g || '@acme.example>',"
                + " CASE WHEN g % 4 = 0 THEN '<bench.' || (g - 1) || '@acme.example>' END,"
                + " CASE WHEN g % 4 = 0 THEN ARRAY['<bench.' || (g - 1) || '@acme.example>'] ELSE '{}'::text[] END,"
                + " 'sender' || (g % 20) || '@acme.example',"
                + " jsonb_build_array(jsonb_build_object('address', 'lead' || (g % 20000) || '@example.org')),"
                + " 'Quick question about ' || (ARRAY['pricing','onboarding','penguins','integration','renewal'])[1 + g % 5]"
                + " || ' #' || g, now() - make_interval(mins => g), now() - make_interval(mins => g),"
                + " now() - make_interval(mins => g) FROM generate_series(1, " + MESSAGES + ") g";
        String content = "INSERT INTO email_content (storage_key, tenant_id, content_text, content_html, raw_message,"
                + " raw_size_bytes, compressed_size_bytes, content_hash, compression_algorithm, expires, subject)"
                + " SELECT m.storage_key, m.tenant_id, 'Hi there, I noticed your team is growing and wanted to ask'"
                + " || ' whether ' || m.subject || ' is on your roadmap this quarter. Best, Sam',"
                + " '<p>Hi there,</p><p>I noticed your team is growing.</p><p>' || m.subject || '</p>', NULL, 6200, 2600,"
                + " encode(sha256(convert_to(m.storage_key, 'UTF8')), 'hex'), 'zstd', now() + interval '7 years',"
                + " m.subject FROM email_messages m WHERE m.tenant_id = ?";
        try (Connection c = dataSource.getConnection()) {
            for (String sql : List.of(messages, content)) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setObject(1, tenant);
                    ps.executeUpdate();
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE email_messages");
                s.execute("ANALYZE email_content");
            }
        }
    }

    private static void time(String what, IntConsumer query) {
        for (int i = 0; i < 20; i++) {
            query.accept(i);
        }
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            query.accept(i);
            micros.add((System.nanoTime() - start) / 1000);
        }
        Collections.sort(micros);
        System.out.printf(
                "BENCH %-32s p50 %6.2f ms  p99 %6.2f ms%n",
                what, micros.get(RUNS / 2) / 1000.0, micros.get(RUNS * 99 / 100 - 1) / 1000.0);
    }

    /** A rendered campaign email as sent: authentication headers, a personalised text part and an html part. */
    private static byte[] campaignMessage(int i, Random random) {
        String lead = "lead" + i;
        byte[] signature = new byte[256];
        random.nextBytes(signature);
        String text = "Hi " + lead + ",\r\n\r\nI noticed Company " + i + " is growing its sales team and wanted to ask"
                + " whether improving outbound deliverability is on your roadmap this quarter.\r\n\r\nWe help teams"
                + " like yours warm up mailboxes, rotate senders and keep replies in one place.\r\n\r\nWould a 15"
                + " minute call next week make sense?\r\n\r\nBest,\r\nSam Carter\r\nAcme Outreach\r\n";
        String html = "<html><body><div style=\"font-family:Arial,sans-serif;font-size:14px\">"
                + text.replace("\r\n\r\n", "</p><p>").replace("\r\n", "<br>")
                + "</div><img src=\"https://t.acme.example/o/" + UUID.randomUUID()
                + "\" width=\"1\" height=\"1\" alt=\"\"></body></html>";
        String message =
                "Received: from mail.acme.example (mail.acme.example [203.0.113.7])\r\n\tby mx.example.org with"
                        + " ESMTPS id " + Long.toHexString(random.nextLong()) + "\r\n"
                        + "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=acme.example; s=pm1;\r\n\tb="
                        + Base64.getEncoder().encodeToString(signature) + "\r\n"
                        + "Message-ID: <pm." + UUID.randomUUID() + "@acme.example>\r\n"
                        + "Date: Mon, 23 Nov 2026 09:13:58 +0000\r\nFrom: Sam Carter <sam@acme.example>\r\n"
                        + "To: " + lead + " <" + lead + "@example.org>\r\nSubject: Quick question, " + lead + "\r\n"
                        + "List-Unsubscribe: <https://t.acme.example/u/" + UUID.randomUUID() + ">\r\n"
                        + "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\nMIME-Version: 1.0\r\n"
                        + "Content-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n--b1\r\n"
                        + "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + text + "\r\n--b1\r\n"
                        + "Content-Type: text/html; charset=UTF-8\r\n\r\n" + html + "\r\n--b1--\r\n";
        return message.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * What the same 1000 messages compress to with a dictionary trained on 1000 others: the store does not use one
     * yet, this measures what per-tenant dictionaries would save on small, similar messages.
     */
    private static long withDictionary(Random random) {
        ZstdDictTrainer trainer = new ZstdDictTrainer(4 * 1024 * 1024, 16 * 1024);
        for (int i = 1000; i < 2000; i++) {
            trainer.addSample(campaignMessage(i, random));
        }
        Random replay = new Random(42);
        long compressed = 0;
        try (ZstdCompressCtx ctx = new ZstdCompressCtx()) {
            ctx.setLevel(3).loadDict(trainer.trainSamples());
            for (int i = 0; i < 1000; i++) {
                compressed += ctx.compress(campaignMessage(i, replay)).length;
            }
        }
        return compressed;
    }

    private static double saved(long raw, long stored) {
        return 100.0 * (1 - (double) stored / raw);
    }
}
