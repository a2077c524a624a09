package io.penguinmails.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.penguinmails.infra.KafkaBroker;
import io.restassured.path.json.JsonPath;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Campaign sending under load, over the whole packaged suite: one tenant with 20 mailboxes, all pointing at one
 * GreenMail SMTP sink in this JVM (authentication disabled, distinct sender addresses, a daily limit above their share
 * and a ramp that starts at that limit, as for already-warmed mailboxes), {@code -Dcampaign.leads} leads (400 by
 * default, 10,000 for the long run) imported by CSV into one list, and a campaign with one tracked email step, no
 * spacing and an all-day window, enrolled and started.
 *
 * <p>It measures (a) send throughput: from the start call until GreenMail received every message; (b) analytics
 * freshness: GreenMail's delivery hook notes when its count of received messages reaches k, and analytics-service's
 * {@code GET /v1/analytics/campaigns/{id}} is polled every 100 ms; the freshness of the k-th message is the first poll
 * (its answer's arrival) whose {@code sent} is at least k minus the time the SMTP count reached k, so it includes up
 * to one polling interval; (c) the CPU time the services, the broker and this JVM (the sink) used during the run, and
 * each service's resident memory at the end. It then checks exactly-once: GreenMail holds exactly one message per
 * lead, analytics' {@code sent} equals the number of leads after settling, and campaign-service (API and database)
 * agrees: campaign completed, every enrollment completed, one outbound reference per lead. Output lines start with
 * {@code CAMPAIGN LOAD}.
 *
 * <p>Engine settings can be given as system properties {@code -Dpenguin.engine.<key>=<value>} (e.g.
 * {@code -Dpenguin.engine.sender-threads=16}); they reach campaign-service as {@code PENGUIN_ENGINE_*}. By default it
 * runs with the product defaults.
 */
class CampaignLoadIT {

    private static final String OUT = "CAMPAIGN LOAD ";
    private static final int LEADS = Integer.getInteger("campaign.leads", 400);
    private static final int MAILBOXES = 20;
    // The largest daily limit the API takes; a share above it could not be sent in one day.
    private static final int MAX_DAILY_LIMIT = 10_000;
    private static final long POLL_MILLIS = 100;
    private static final Duration SEND_TIMEOUT =
            Duration.ofSeconds(Long.getLong("campaign.timeout-seconds", 120 + LEADS / 10));
    // After analytics caught up: long enough for a second send or a second count of one to show up.
    private static final Duration SETTLE = Duration.ofSeconds(5);
    private static final String LIST = "load";
    private static final String ENGINE_PREFIX = "penguin.engine.";

    private static Suite suite;
    private static GreenMail smtp;
    private static Arrivals arrivals;
    private static String token;
    private static String tenantId;

    @BeforeAll
    static void startSuite() {
        smtp = new GreenMail(new ServerSetup(KafkaBroker.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        smtp.start();
        UserManager users = smtp.getUserManager();
        arrivals = new Arrivals(users.getMessageDeliveryHandler(), LEADS);
        users.setMessageDeliveryHandler(arrivals);
        long begin = System.nanoTime();
        suite = new Suite().start(engineEnv());
        print(
                "suite started in %.1f s; leads=%d mailboxes=%d engine=%s; load average %s",
                seconds(System.nanoTime() - begin),
                LEADS,
                MAILBOXES,
                engineEnv().isEmpty() ? "defaults" : engineEnv(),
                loadAverage());
        Suite.Tenant tenant = suite.createTenant("Acme Load");
        tenantId = tenant.id();
        token = tenant.token();
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) {
            suite.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void everyLeadGetsExactlyOneEmailAndAnalyticsKeepsUp() throws Exception {
        List<String> mailboxes = createMailboxes();
        importLeads();
        String campaignId = createCampaign(mailboxes, template());
        enroll(campaignId);

        Map<String, Duration> cpuBefore = cpuTimes();
        long start = System.nanoTime();
        given().auth()
                .oauth2(token)
                .post(campaign("/v1/campaigns/" + campaignId + "/start"))
                .then()
                .statusCode(200);
        List<Sample> samples = pollAnalytics(campaignId, start);
        Map<String, Duration> cpuAfter = cpuTimes();

        assertThat(arrivals.count())
                .as("messages at the sink within %s", SEND_TIMEOUT)
                .isGreaterThanOrEqualTo(LEADS);
        assertThat(samples.get(samples.size() - 1).sent())
                .as("analytics counted every send within %s", SEND_TIMEOUT)
                .isEqualTo(LEADS);
        long[] smtpAt = arrivals.sortedNanos();
        reportThroughput(smtpAt, start);
        reportFreshness(smtpAt, samples);
        reportResources(cpuBefore, cpuAfter);

        awaitCompleted(campaignId);
        Thread.sleep(SETTLE.toMillis());
        assertExactlyOnce(campaignId, mailboxes.size());
    }

    // ---- measurement ----

    /** One poll of analytics: when its answer arrived ({@link System#nanoTime()}) and the campaign's sent count. */
    private record Sample(long atNanos, long sent) {}

    /** Polls analytics' campaign view every 100 ms until it counts every lead or the timeout passes. */
    private static List<Sample> pollAnalytics(String campaignId, long start) throws InterruptedException {
        List<Sample> samples = new ArrayList<>();
        long deadline = start + SEND_TIMEOUT.toNanos();
        long next = start;
        long sent = 0;
        while (sent < LEADS && System.nanoTime() < deadline) {
            sent = analyticsSent(campaignId);
            long now = System.nanoTime();
            samples.add(new Sample(now, sent));
            // Fixed rate without catch-up bursts: a slow answer delays the next poll instead of bunching polls.
            next = Math.max(next + TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS), now);
            TimeUnit.NANOSECONDS.sleep(next - now);
        }
        return samples;
    }

    private static void reportThroughput(long[] smtpAt, long start) {
        double total = seconds(smtpAt[LEADS - 1] - start);
        double sending = seconds(smtpAt[LEADS - 1] - smtpAt[0]);
        print(
                "send: %d messages received %.2f s after start (first after %.2f s): %.1f msg/s from start,"
                        + " %.1f msg/s first to last",
                LEADS, total, seconds(smtpAt[0] - start), LEADS / total, sending > 0 ? (LEADS - 1) / sending : 0.0);
    }

    /** Freshness of the k-th message: first poll with sent >= k minus the time the SMTP count reached k. */
    private static void reportFreshness(long[] smtpAt, List<Sample> samples) {
        long[] millis = new long[LEADS];
        int poll = 0;
        for (int k = 1; k <= LEADS; k++) {
            while (samples.get(poll).sent() < k) {
                poll++;
            }
            millis[k - 1] = TimeUnit.NANOSECONDS.toMillis(samples.get(poll).atNanos() - smtpAt[k - 1]);
        }
        Arrays.sort(millis);
        long p99 = percentile(millis, 0.99);
        print(
                "analytics freshness (n=%d, %d polls every %d ms): p50=%d ms p95=%d ms p99=%d ms max=%d ms;"
                        + " target p99 < 5000 ms %s",
                LEADS,
                samples.size(),
                POLL_MILLIS,
                percentile(millis, 0.50),
                percentile(millis, 0.95),
                p99,
                millis[LEADS - 1],
                p99 < 5_000 ? "met" : "NOT met");
    }

    private static void reportResources(Map<String, Duration> before, Map<String, Duration> after) throws IOException {
        StringBuilder cpu = new StringBuilder();
        after.forEach((name, total) -> cpu.append(String.format(
                Locale.ROOT,
                " %s=%.1f",
                name,
                seconds(total.minus(before.getOrDefault(name, Duration.ZERO)).toNanos()))));
        print("cpu seconds during the run:%s", cpu);
        StringBuilder rss = new StringBuilder();
        for (Map.Entry<String, ServiceProcess> service : suite.services.entrySet()) {
            rss.append(' ')
                    .append(service.getKey())
                    .append('=')
                    .append(service.getValue().residentMib());
        }
        print("rss at the end (MiB):%s; load average %s", rss, loadAverage());
    }

    /**
     * CPU time so far of this JVM (the SMTP sink and the pollers) and of its children, the suite's processes: each
     * service by the jar it runs, and the broker.
     */
    private static Map<String, Duration> cpuTimes() {
        Map<String, Duration> out = new TreeMap<>();
        out.put("test-jvm", ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO));
        ProcessHandle.current().children().forEach(child -> {
            String command = commandLine(child.pid());
            String name = command.contains("kafka.Kafka") ? "kafka" : serviceOf(command);
            if (name != null) {
                out.put(name, child.info().totalCpuDuration().orElse(Duration.ZERO));
            }
        });
        return out;
    }

    /** Read from /proc: {@code ProcessHandle.Info} leaves out the arguments of long command lines like the broker's. */
    private static String commandLine(long pid) {
        try {
            return Files.readString(Path.of("/proc", String.valueOf(pid), "cmdline"))
                    .replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    private static String serviceOf(String command) {
        return suite.services.keySet().stream()
                .filter(name -> command.contains("/" + name + "/target/"))
                .findFirst()
                .orElse(null);
    }

    private static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    // ---- checks ----

    private static void awaitCompleted(String campaignId) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> "completed".equals(campaignView(campaignId).getString("status")));
    }

    /** One message per lead at the sink, one count per lead in analytics, and campaign-service agreeing. */
    private static void assertExactlyOnce(String campaignId, int mailboxes) throws Exception {
        MimeMessage[] received = smtp.getReceivedMessages();
        Set<String> recipients = new HashSet<>();
        Map<String, Integer> perSender = new HashMap<>();
        for (MimeMessage message : received) {
            recipients.add(address(message.getRecipients(Message.RecipientType.TO)));
            perSender.merge(address(message.getFrom()), 1, Integer::sum);
        }
        print(
                "per mailbox: %d mailboxes sent between %d and %d messages",
                perSender.size(),
                perSender.values().stream().min(Integer::compare).orElse(0),
                perSender.values().stream().max(Integer::compare).orElse(0));
        assertThat(received).as("messages at the sink").hasSize(LEADS);
        assertThat(recipients).as("one message per lead").isEqualTo(leadAddresses());
        assertThat(perSender).as("every mailbox took part").hasSize(mailboxes);

        assertThat(analyticsSent(campaignId))
                .as("analytics sent after settling")
                .isEqualTo(LEADS);
        JsonPath view = campaignView(campaignId);
        assertThat(view.getString("status")).isEqualTo("completed");
        assertThat(view.getMap("enrollments")).isEqualTo(Map.of("completed", LEADS));
        assertThat(view.getLong("steps[0].executed_count")).isEqualTo(LEADS);
        assertThat(outboundRefs(campaignId))
                .as("outbound refs, distinct leads, unknown outcomes")
                .containsExactly((long) LEADS, (long) LEADS, 0L);
        print(
                "exactly once: %d received, %d distinct recipients, analytics sent %d, campaign %s",
                received.length, recipients.size(), LEADS, view.getString("status"));
    }

    /** Outbound references, distinct leads among them, and enrollments settled with an unknown outcome. */
    private static List<Long> outboundRefs(String campaignId) throws Exception {
        String sql = "SELECT (SELECT count(*) FROM inbox_message_refs WHERE campaign_id = ?::uuid"
                + " AND direction = 'outbound'), (SELECT count(DISTINCT lead_id) FROM inbox_message_refs"
                + " WHERE campaign_id = ?::uuid AND direction = 'outbound'), (SELECT count(*) FROM campaign_enrollments"
                + " WHERE campaign_id = ?::uuid AND last_error LIKE 'send outcome unknown%')";
        try (Connection c = DriverManager.getConnection(Suite.database("campaign-service"), "postgres", "");
                PreparedStatement select = c.prepareStatement(sql)) {
            for (int i = 1; i <= 3; i++) {
                select.setString(i, campaignId);
            }
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3));
            }
        }
    }

    // ---- the tenant's workspace, over the API ----

    /** Mailboxes that may each send well over their share today: an already-warmed mailbox's ramp. */
    private static List<String> createMailboxes() {
        int share = (LEADS + MAILBOXES - 1) / MAILBOXES;
        int dailyLimit = Math.min(MAX_DAILY_LIMIT, Math.max(50, 2 * share));
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= MAILBOXES; i++) {
            String email = String.format(Locale.ROOT, "sender%02d@load.example", i);
            Map<String, Object> server = Map.of(
                    "host", "127.0.0.1",
                    "port", smtp.getSmtp().getPort(),
                    "security", "none",
                    "username", email,
                    "password", "smtp-secret");
            Map<String, Object> body = Map.of(
                    "email", email,
                    "from_name", "Sender " + i,
                    "daily_limit", dailyLimit,
                    "ramp", Map.of("start", dailyLimit, "step", 0),
                    "smtp", server);
            ids.add(given().auth()
                    .oauth2(token)
                    .contentType("application/json")
                    .body(body)
                    .post(campaign("/v1/email-accounts"))
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id"));
        }
        return ids;
    }

    private static void importLeads() {
        StringBuilder csv = new StringBuilder("email,first_name,company\n");
        for (String email : leadAddresses()) {
            csv.append(email)
                    .append(",Lead,")
                    .append(email, email.indexOf('@') + 1, email.length())
                    .append('\n');
        }
        long begin = System.nanoTime();
        String importId = given().auth()
                .oauth2(token)
                .contentType("text/csv")
                .body(csv.toString())
                .post(campaign("/v1/leads/import?list=" + LIST))
                .then()
                .statusCode(202)
                .extract()
                .path("import_id");
        await().atMost(Duration.ofSeconds(60 + LEADS / 100))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> "completed"
                        .equals(given().auth()
                                .oauth2(token)
                                .get(campaign("/v1/leads/imports/" + importId))
                                .then()
                                .extract()
                                .path("status")));
        print("import: %d leads in %.1f s", LEADS, seconds(System.nanoTime() - begin));
    }

    /** The leads' addresses, spread over 100 recipient domains. */
    private static Set<String> leadAddresses() {
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < LEADS; i++) {
            out.add(String.format(Locale.ROOT, "lead%05d@prospect%02d.example", i, i % 100));
        }
        return out;
    }

    private static String template() {
        return given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(Map.of(
                        "name", "Load",
                        "subject", "Quick question, {{first_name}}",
                        "html",
                                "<p>Hi {{first_name}} at {{company}}, see"
                                        + " <a href=\"https://acme.example/pricing\">our pricing</a>.</p>",
                        "text", "Hi {{first_name}}, see https://acme.example/pricing"))
                .post(campaign("/v1/templates"))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** One tracked email step, no spacing between a mailbox's sends, open all day every day. */
    private static String createCampaign(List<String> mailboxes, String template) {
        Map<String, Object> body = Map.of(
                "name", "Load",
                "email_account_ids", mailboxes,
                "timezone", "UTC",
                "sending_window", Map.of("days", List.of(1, 2, 3, 4, 5, 6, 7), "start", "00:00", "end", "23:59"),
                "tracking", Map.of("opens", true, "clicks", true),
                "spacing", Map.of("min_seconds", 0, "max_seconds", 0),
                "steps", List.of(Map.of("type", "email", "template_id", template)));
        return given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(body)
                .post(campaign("/v1/campaigns"))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static void enroll(String campaignId) {
        int enrolled = given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(Map.of("list", LIST))
                .post(campaign("/v1/campaigns/" + campaignId + "/enroll"))
                .then()
                .statusCode(200)
                .extract()
                .path("enrolled");
        assertThat(enrolled).isEqualTo(LEADS);
    }

    private static JsonPath campaignView(String campaignId) {
        return given().auth()
                .oauth2(token)
                .get(campaign("/v1/campaigns/" + campaignId))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static long analyticsSent(String campaignId) {
        return given().auth()
                .oauth2(token)
                .get(suite.url("analytics-service") + "/v1/analytics/campaigns/" + campaignId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("sent");
    }

    // ---- helpers ----

    /** {@code -Dpenguin.engine.<key>=<value>} as campaign-service's {@code PENGUIN_ENGINE_<KEY>}. */
    private static Map<String, String> engineEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith(ENGINE_PREFIX))
                .sorted()
                .forEach(name -> env.put(
                        name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), System.getProperty(name)));
        return env;
    }

    private static String address(Address[] addresses) {
        return ((InternetAddress) addresses[0]).getAddress().toLowerCase(Locale.ROOT);
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void print(String format, Object... args) {
        System.out.println(OUT + String.format(Locale.ROOT, format, args));
    }

    private static String campaign(String path) {
        return suite.url("campaign-service") + path;
    }

    /**
     * GreenMail's delivery, noting when each message arrives before it is stored as usual: a counter read every 100 ms
     * would blur the arrival times by up to that much, and asking GreenMail for all its messages at every poll costs
     * more the more it holds.
     */
    static final class Arrivals implements MessageDeliveryHandler {

        private final MessageDeliveryHandler delegate;
        private final AtomicLongArray nanos;
        private final AtomicInteger count = new AtomicInteger();

        Arrivals(MessageDeliveryHandler delegate, int expected) {
            this.delegate = delegate;
            this.nanos = new AtomicLongArray(expected);
        }

        @Override
        public GreenMailUser handle(MovingMessage message, MailAddress address)
                throws MessagingException, UserException {
            int index = count.getAndIncrement();
            if (index < nanos.length()) {
                nanos.set(index, System.nanoTime());
            }
            return delegate.handle(message, address);
        }

        int count() {
            return count.get();
        }

        /** Arrival times in order: element k-1 is when the count of received messages reached k. */
        long[] sortedNanos() {
            long[] out = new long[Math.min(count.get(), nanos.length())];
            for (int i = 0; i < out.length; i++) {
                out[i] = nanos.get(i);
            }
            Arrays.sort(out);
            return out;
        }
    }
}
