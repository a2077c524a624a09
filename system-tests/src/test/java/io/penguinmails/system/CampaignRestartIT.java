package io.penguinmails.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.penguinmails.contracts.AuditEvent;
import io.penguinmails.contracts.EventJson;
import io.penguinmails.contracts.MailboxCredentials;
import io.penguinmails.contracts.Topics;
import io.penguinmails.infra.Databases;
import io.penguinmails.infra.KafkaBroker;
import io.penguinmails.infra.TopicCreator;
import io.restassured.http.ContentType;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged campaign-service is killed with SIGKILL in the middle of a three-email campaign, while some claimed
 * sends wait in its sender queue and others are in their SMTP exchange, and started again. No step reaches a lead
 * twice; every send that never started goes out after the restart; only the sends whose SMTP exchange was under way
 * at the kill are "outcome unknown", each reported once and received at most once. GreenMail in this JVM is the
 * tenant's SMTP server, reached through a relay that holds every reply back a little, so sends queue up behind the
 * sender threads; the engine's clock runs 60 times faster than the wall clock so waits pass in seconds.
 */
class CampaignRestartIT {

    private static final String DATABASE = "penguin_it_restart_oltp";
    private static final String ADMIN_TOKEN = "it-admin-" + UUID.randomUUID();
    private static final int LEADS = 30;
    private static final int SENDER_THREADS = 2;
    private static final Duration REPLY_DELAY = Duration.ofMillis(100);
    private static final Map<Integer, String> SUBJECT_OF_STEP = Map.of(1, "Step 1 for you", 3, "Step 2", 5, "Step 3");

    private static KafkaBroker broker;
    private static GreenMail greenMail;
    private static SlowRelay smtpRelay;
    private static ServiceProcess campaign;

    @BeforeAll
    static void start() throws Exception {
        Path logDir = Files.createDirectories(ServiceProcess.repoRoot().resolve("system-tests/target/it-logs"));
        broker = KafkaBroker.startEphemeral();
        TopicCreator.createAll(broker.bootstrapServers(), 3);
        Databases.recreate(Databases.localUrl("postgres"), "postgres", "", List.of(DATABASE));
        greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
        smtpRelay = new SlowRelay(greenMail.getSmtp().getPort(), REPLY_DELAY);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_PROFILE", "prod");
        env.put("PENGUIN_ADMIN_TOKEN", ADMIN_TOKEN);
        env.put("PENGUIN_JWT_KEY_DIR", Files.createTempDirectory("restart-keys").toString());
        env.put("PENGUIN_MAILBOX_KEY", MailboxCredentials.generateKey());
        env.put("PENGUIN_TRACKING_SECRET", "it-tracking-" + UUID.randomUUID());
        env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("PENGUIN_DB_NAME", DATABASE);
        // One wall second is one engine minute; small batches keep the campaign running across many ticks.
        env.put("PENGUIN_ENGINE_CLOCK_ORIGIN", Instant.now().toString());
        env.put("PENGUIN_ENGINE_CLOCK_SPEED", "60");
        env.put("PENGUIN_ENGINE_SEND_LEASE", "PT5M");
        env.put("PENGUIN_ENGINE_BATCH_SIZE", "8");
        env.put("PENGUIN_ENGINE_MAX_BATCHES_PER_RUN", "1");
        env.put("PENGUIN_ENGINE_SENDER_THREADS", String.valueOf(SENDER_THREADS));
        campaign = new ServiceProcess("campaign-service", KafkaBroker.freePort(), env, logDir.resolve("restart"));
        Files.createDirectories(logDir.resolve("restart"));
        campaign.start();
    }

    @AfterAll
    static void stop() {
        if (campaign != null) {
            campaign.close();
        }
        if (smtpRelay != null) {
            smtpRelay.close();
        }
        if (greenMail != null) {
            greenMail.stop();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aKillMidCampaignNeitherRepeatsNorSkipsASendThatNeverStarted() throws Exception {
        String tenant = given().auth()
                .oauth2(ADMIN_TOKEN)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "Restart"))
                .post(campaign.url() + "/v1/tenants")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String token = given().auth()
                .oauth2(ADMIN_TOKEN)
                .post(campaign.url() + "/v1/tenants/{id}/tokens", tenant)
                .then()
                .statusCode(201)
                .extract()
                .path("token");
        List<UUID> mailboxes = new ArrayList<>();
        for (String name : List.of("one", "two", "three")) {
            mailboxes.add(insertMailbox(tenant, name + "@restart.test"));
        }
        UUID template = insertTemplate(tenant);
        for (int i = 0; i < LEADS; i++) {
            insertLead(tenant, "lead" + i + "@prospect.test");
        }
        String campaignId = given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        "Restart",
                        "email_account_ids",
                        mailboxes,
                        "timezone",
                        "UTC",
                        "sending_window",
                        Map.of("days", List.of(1, 2, 3, 4, 5, 6, 7), "start", "00:00", "end", "23:59"),
                        "spacing",
                        Map.of("min_seconds", 0, "max_seconds", 1),
                        "steps",
                        List.of(
                                Map.of("type", "email", "template_id", template.toString()),
                                Map.of("type", "wait", "minutes", 2),
                                Map.of(
                                        "type",
                                        "email",
                                        "template_id",
                                        template.toString(),
                                        "subject_override",
                                        "Step 2"),
                                Map.of("type", "wait", "minutes", 2),
                                Map.of(
                                        "type",
                                        "email",
                                        "template_id",
                                        template.toString(),
                                        "subject_override",
                                        "Step 3"))))
                .post(campaign.url() + "/v1/campaigns")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("list", "restart"))
                .post(campaign.url() + "/v1/campaigns/{id}/enroll", campaignId)
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(token)
                .post(campaign.url() + "/v1/campaigns/{id}/start", campaignId)
                .then()
                .statusCode(200);

        await().atMost(Duration.ofSeconds(120)).until(() -> greenMail.getReceivedMessages().length >= LEADS);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> claimsQueuedAndInSmtp(campaignId));
        campaign.kill();
        int beforeRestart = greenMail.getReceivedMessages().length;
        assertThat(beforeRestart).as("killed mid-campaign").isLessThan(LEADS * 3);
        List<Claim> atKill = claims(campaignId);
        List<Claim> neverStarted =
                atKill.stream().filter(claim -> !claim.started()).toList();
        Set<String> started = new HashSet<>();
        atKill.stream().filter(Claim::started).forEach(claim -> started.add(claim.messageId()));
        assertThat(neverStarted).as("claims still queued at the kill").isNotEmpty();
        assertThat(started)
                .as("at most one send per sender thread was under way")
                .hasSizeLessThanOrEqualTo(SENDER_THREADS);

        campaign.start();
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> "completed"
                        .equals(given().auth()
                                .oauth2(token)
                                .get(campaign.url() + "/v1/campaigns/{id}", campaignId)
                                .then()
                                .extract()
                                .path("status")));

        Map<String, Integer> perLeadAndStep = new HashMap<>();
        Map<String, Integer> perMessageId = new HashMap<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            String to = ((InternetAddress) message.getRecipients(Message.RecipientType.TO)[0]).getAddress();
            perLeadAndStep.merge(to + " " + message.getSubject(), 1, Integer::sum);
            perMessageId.merge(message.getHeader("Message-ID", null), 1, Integer::sum);
        }
        Set<String> received = perMessageId.keySet();
        assertThat(perMessageId.values()).as("no Message-ID arrives twice").allMatch(count -> count == 1);
        assertThat(perLeadAndStep.values()).as("no step reaches a lead twice").allMatch(count -> count == 1);
        Map<String, String> refs = outboundRefs(campaignId);
        assertThat(refs).as("one outbound ref per lead and step").hasSize(LEADS * 3);
        assertThat(refs.keySet()).containsAll(received);

        for (Claim claim : neverStarted) {
            assertThat(received)
                    .as("a claim that never started was not sent under its old Message-ID")
                    .doesNotContain(claim.messageId());
            assertThat(perLeadAndStep)
                    .as("a claim that never started is sent after the restart")
                    .containsEntry(claim.lead() + " " + SUBJECT_OF_STEP.get(claim.stepOrder()), 1);
        }
        List<String> reported = unknownOutcomesReported(campaignId);
        assertThat(reported)
                .as("exactly the sends under way at the kill are reported as outcome unknown, once each")
                .containsExactlyInAnyOrderElementsOf(started);
        assertThat(refs.keySet()).containsAll(started);
        Set<String> unknownAndNotReceived = new HashSet<>(started);
        unknownAndNotReceived.removeAll(received);
        assertThat(LEADS * 3 - received.size())
                .as("the only steps missing are outcome-unknown sends that did not arrive")
                .isEqualTo(unknownAndNotReceived.size());
        assertThat(enrollmentStatuses(campaignId)).isEqualTo(Map.of("completed", (long) LEADS));
        System.out.printf(
                "restart: %d received before the kill, %d claims queued and %d in SMTP at the kill; %d of %d steps"
                        + " received, %d outcome unknown (%d of them arrived)%n",
                beforeRestart,
                neverStarted.size(),
                started.size(),
                received.size(),
                LEADS * 3,
                started.size(),
                started.size() - unknownAndNotReceived.size());
    }

    /** Whether the campaign has, at this instant, a claim waiting in the sender queue and one in its SMTP exchange. */
    private static boolean claimsQueuedAndInSmtp(String campaignId) throws Exception {
        List<Claim> claims = claims(campaignId);
        return claims.stream().anyMatch(Claim::started) && claims.stream().anyMatch(claim -> !claim.started());
    }

    /** The unsettled send claims of the campaign. */
    private static List<Claim> claims(String campaignId) throws Exception {
        List<Claim> claims = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(Databases.localUrl(DATABASE), "postgres", "");
                PreparedStatement select = c.prepareStatement("SELECT l.email, e.current_step_order,"
                        + " e.sending_message_id, e.sending_started_at IS NOT NULL FROM campaign_enrollments e"
                        + " JOIN leads l ON l.id = e.lead_id"
                        + " WHERE e.campaign_id = ? AND e.sending_message_id IS NOT NULL")) {
            select.setObject(1, UUID.fromString(campaignId));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    claims.add(new Claim(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getBoolean(4)));
                }
            }
        }
        return claims;
    }

    /** The Message-IDs the campaign's audit records (queued in the service's outbox) report as outcome unknown. */
    private static List<String> unknownOutcomesReported(String campaignId) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(Databases.localUrl(DATABASE), "postgres", "");
                PreparedStatement select = c.prepareStatement("SELECT body FROM outbox WHERE topic = ?")) {
            select.setString(1, Topics.AUDIT_EVENTS);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    AuditEvent event = EventJson.read(rs.getString(1), AuditEvent.class);
                    if (event.action().equals("campaign.send_outcome_unknown")
                            && campaignId.equals(event.subjectId())) {
                        ids.add(event.details().get("message_id"));
                    }
                }
            }
        }
        return ids;
    }

    private static UUID insertMailbox(String tenant, String email) throws Exception {
        UUID id = UUID.randomUUID();
        execute(
                "INSERT INTO email_accounts (id, tenant_id, email, daily_limit, ramp_start, smtp_host, smtp_port,"
                        + " smtp_security, created) VALUES (?, ?, ?, 1000, 1000, '127.0.0.1', ?, 'none', '2020-01-01')",
                id,
                UUID.fromString(tenant),
                email,
                smtpRelay.port());
        return id;
    }

    private static UUID insertTemplate(String tenant) throws Exception {
        UUID id = UUID.randomUUID();
        execute(
                "INSERT INTO templates (id, tenant_id, name, subject, html) VALUES (?, ?, 'T', 'Step 1 for {{first_name|you}}',"
                        + " '<p>Hello</p>')",
                id,
                UUID.fromString(tenant));
        return id;
    }

    private static void insertLead(String tenant, String email) throws Exception {
        UUID id = UUID.randomUUID();
        UUID tenantId = UUID.fromString(tenant);
        execute(
                "INSERT INTO lead_lists (id, tenant_id, name) VALUES (?, ?, 'restart') ON CONFLICT DO NOTHING",
                UUID.randomUUID(),
                tenantId);
        execute("INSERT INTO leads (id, tenant_id, email) VALUES (?, ?, ?)", id, tenantId, email);
        execute(
                "INSERT INTO lead_list_members (tenant_id, list_id, lead_id) SELECT ?, id, ? FROM lead_lists"
                        + " WHERE tenant_id = ? AND name = 'restart'",
                tenantId,
                id,
                tenantId);
    }

    private static Map<String, String> outboundRefs(String campaignId) throws Exception {
        Map<String, String> refs = new HashMap<>();
        try (Connection c = DriverManager.getConnection(Databases.localUrl(DATABASE), "postgres", "");
                PreparedStatement select = c.prepareStatement("SELECT message_id, step_id FROM inbox_message_refs"
                        + " WHERE campaign_id = ? AND direction = 'outbound'")) {
            select.setObject(1, UUID.fromString(campaignId));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    refs.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return refs;
    }

    private static Map<String, Long> enrollmentStatuses(String campaignId) throws Exception {
        Map<String, Long> counts = new HashMap<>();
        try (Connection c = DriverManager.getConnection(Databases.localUrl(DATABASE), "postgres", "");
                PreparedStatement select = c.prepareStatement(
                        "SELECT status, count(*) FROM campaign_enrollments WHERE campaign_id = ? GROUP BY status")) {
            select.setObject(1, UUID.fromString(campaignId));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return counts;
    }

    private static void execute(String sql, Object... params) throws Exception {
        try (Connection c = DriverManager.getConnection(Databases.localUrl(DATABASE), "postgres", "");
                PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.executeUpdate();
        }
    }

    /** A send claim found in the database: whose, which step, and whether its SMTP call had started. */
    private record Claim(String lead, int stepOrder, String messageId, boolean started) {}

    /**
     * A TCP relay to GreenMail that holds back every chunk the server sends by a fixed delay, so that each SMTP
     * exchange takes a few hundred milliseconds, as over a real network, and claims wait in the sender queue
     * meanwhile.
     */
    private static final class SlowRelay implements AutoCloseable {

        private final ServerSocket server;
        private final int target;
        private final long delayMillis;
        private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "slow-relay");
            thread.setDaemon(true);
            return thread;
        });

        SlowRelay(int target, Duration delay) throws IOException {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            this.target = target;
            this.delayMillis = delay.toMillis();
            threads.submit(this::accept);
        }

        int port() {
            return server.getLocalPort();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                    threads.submit(() -> pipe(client, upstream, 0));
                    threads.submit(() -> pipe(upstream, client, delayMillis));
                } catch (IOException e) {
                    return;
                }
            }
        }

        /** Copies one direction until either side goes away, then closes both. */
        private static void pipe(Socket from, Socket to, long delayMillis) {
            byte[] buffer = new byte[8192];
            try (from;
                    to) {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    Thread.sleep(delayMillis);
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // One side closed (the service was killed, or the test ends): the connection is over.
            }
        }

        @Override
        public void close() {
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                threads.shutdownNow();
            }
        }
    }
}
