package io.penguinmails.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The README's walk-through over the packaged services and a real broker: create a tenant, get its token, post a
 * message to ingest, read it back from content, see it counted in analytics; then a crash of content-service.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WalkingSkeletonIT {

    private static Suite suite;
    private static String token;
    private static String tenantId;

    @BeforeAll
    static void startSuite() {
        suite = new Suite().start();
        Suite.Tenant tenant = suite.createTenant("Acme Outreach");
        tenantId = tenant.id();
        token = tenant.token();
    }

    @AfterAll
    static void stopSuite() {
        System.out.println("suite start times: " + suite.startTimes);
        suite.close();
    }

    @Test
    @Order(1)
    void postedMessageIsReadableFromContentWithEqualFieldsAndBytes() {
        byte[] raw = resource("two-attachments.eml");
        long posted = System.nanoTime();
        JsonPath accepted = post(raw)
                .then()
                .statusCode(202)
                .body("message_type", equalTo("email"))
                .extract()
                .jsonPath();
        String key = accepted.getString("storage_key");
        await().pollInterval(Duration.ofMillis(20))
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> given().auth()
                        .oauth2(token)
                        .get(suite.url("content-service") + "/v1/messages/" + key)
                        .then()
                        .statusCode(200));
        System.out.printf("ingest -> readable: %d ms%n", (System.nanoTime() - posted) / 1_000_000);

        JsonPath stored = given().auth()
                .oauth2(token)
                .get(suite.url("content-service") + "/v1/messages/" + key)
                .then()
                .extract()
                .jsonPath();
        assertThat(stored.getString("subject")).isEqualTo("Re: Propuesta para el próximo trimestre");
        assertThat(stored.getString("from.address")).isEqualTo("maria.lopez@northwind.example");
        assertThat(stored.getString("content_text")).contains("lista de contactos para el próximo trimestre");
        List<String> ids = stored.getList("attachments.id");
        assertThat(ids).hasSize(2);
        byte[] pdf = given().auth()
                .oauth2(token)
                .get(suite.url("content-service") + "/v1/messages/" + key + "/attachments/" + ids.get(0))
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        assertThat(pdf).isEqualTo(resource("two-attachments.pdf.bin"));
        byte[] csv = given().auth()
                .oauth2(token)
                .get(suite.url("content-service") + "/v1/messages/" + key + "/attachments/" + ids.get(1))
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        assertThat(new String(csv, StandardCharsets.UTF_8)).contains("grace@example.org,Grace");
        assertThat(given().auth()
                        .oauth2(token)
                        .get(suite.url("content-service") + "/v1/messages/" + key + "/raw")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asByteArray())
                .isEqualTo(raw);
    }

    @Test
    @Order(2)
    void postingTheSameMessageAgainStoresItOnceAndCountsItOnce() throws Exception {
        byte[] raw = resource("two-attachments.eml");
        String key = post(raw).then().statusCode(202).extract().path("storage_key");
        assertThat(count("content-service", "SELECT count(*) FROM email_messages WHERE storage_key = '" + key + "'"))
                .isEqualTo(1);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth()
                .oauth2(token)
                .get(suite.url("analytics-service") + "/v1/analytics/overview")
                .then()
                .statusCode(200)
                .body("received", equalTo(1)));
    }

    @Test
    @Order(3)
    void anotherTenantCannotReadTheMessage() {
        String other = given().auth()
                .oauth2(Suite.ADMIN_TOKEN)
                .contentType("application/json")
                .body(Map.of("name", "Globex"))
                .post(suite.url("campaign-service") + "/v1/tenants")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String otherToken = given().auth()
                .oauth2(Suite.ADMIN_TOKEN)
                .post(suite.url("campaign-service") + "/v1/tenants/" + other + "/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("token");
        String key = post(resource("two-attachments.eml")).then().extract().path("storage_key");
        given().auth()
                .oauth2(otherToken)
                .get(suite.url("content-service") + "/v1/messages/" + key)
                .then()
                .statusCode(404);
        given().get(suite.url("content-service") + "/v1/messages/" + key).then().statusCode(401);
    }

    @Test
    @Order(4)
    void everyMessageAcceptedWhileContentServiceCrashesIsStoredExactlyOnce() throws Exception {
        byte[] template = resource("two-attachments.eml");
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            if (i == 10) {
                suite.services.get("content-service").kill();
            }
            keys.add(post(variant(template, i)).then().statusCode(202).extract().path("storage_key"));
        }
        suite.restart("content-service");
        String inList = "'" + String.join("','", keys) + "'";
        await().atMost(Duration.ofSeconds(60))
                .until(() -> count(
                                "content-service",
                                "SELECT count(*) FROM email_messages WHERE storage_key IN (" + inList + ")")
                        == keys.size());
        assertThat(count("content-service", "SELECT count(*) FROM attachments WHERE storage_key IN (" + inList + ")"))
                .isEqualTo(2L * keys.size());
        // Every variant shares the same two attachments: stored once for the tenant.
        assertThat(count(
                        "content-service",
                        "SELECT count(*) FROM attachment_blobs WHERE tenant_id = '" + tenantId + "'"))
                .isEqualTo(2);
        for (String name : suite.services.keySet()) {
            System.out.printf(
                    "%s resident memory: %d MiB%n",
                    name, suite.services.get(name).residentMib());
        }
    }

    @Test
    @Order(5)
    void measuresIngestToReadableLatencyOnAWarmSuite() {
        byte[] template = resource("two-attachments.eml");
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            long posted = System.nanoTime();
            String key = post(variant(template, 1000 + i))
                    .then()
                    .statusCode(202)
                    .extract()
                    .path("storage_key");
            await().pollInterval(Duration.ofMillis(5))
                    .atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> given().auth()
                            .oauth2(token)
                            .get(suite.url("content-service") + "/v1/messages/" + key)
                            .then()
                            .statusCode(200));
            millis.add((System.nanoTime() - posted) / 1_000_000);
        }
        millis.sort(Long::compare);
        System.out.printf(
                "ingest -> readable over %d sequential messages: p50 %d ms, p95 %d ms, max %d ms%n",
                millis.size(),
                millis.get(millis.size() / 2),
                millis.get(millis.size() * 95 / 100),
                millis.get(millis.size() - 1));
        assertThat(millis).hasSize(50);
    }

    /**
     * A 30 MB message (a 22 MB attachment, base64-encoded) goes through one Kafka record: the mail topics accept
     * records up to {@code Topics.MAX_MESSAGE_BYTES} and the clients are configured for it (docs/ingest.md).
     */
    @Test
    @Order(6)
    void aThirtyMegabyteMessageIsStoredWholeEndToEnd() throws Exception {
        byte[] attachment = new byte[22 * 1024 * 1024];
        new Random(30).nextBytes(attachment);
        byte[] raw = withAttachment(resource("large-attachment.eml"), attachment);
        assertThat(raw.length).isGreaterThan(30_000_000);

        String key = post(raw).then().statusCode(202).extract().path("storage_key");
        await().pollInterval(Duration.ofMillis(200))
                .atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> given().auth()
                        .oauth2(token)
                        .get(suite.url("content-service") + "/v1/messages/" + key)
                        .then()
                        .statusCode(200));

        JsonPath stored = given().auth()
                .oauth2(token)
                .get(suite.url("content-service") + "/v1/messages/" + key)
                .then()
                .extract()
                .jsonPath();
        assertThat(stored.getString("attachments[0].sha256")).isEqualTo(sha256(attachment));
        byte[] served = given().auth()
                .oauth2(token)
                .get(suite.url("content-service") + "/v1/messages/" + key + "/attachments/"
                        + stored.getString("attachments[0].id"))
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        assertThat(served).isEqualTo(attachment);
        byte[] original = given().auth()
                .oauth2(token)
                .get(suite.url("content-service") + "/v1/messages/" + key + "/raw")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        assertThat(original).isEqualTo(raw);
    }

    /** The template with its placeholder replaced by the attachment, base64 in 76-character lines as MUAs write it. */
    private static byte[] withAttachment(byte[] template, byte[] attachment) {
        String encoded = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(attachment);
        String text = new String(template, StandardCharsets.UTF_8)
                .replace("\r\n", "\n")
                .replace("\n", "\r\n")
                .replace("@@ATTACHMENT_BASE64@@", encoded);
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static io.restassured.response.Response post(byte[] raw) {
        return given().auth()
                .oauth2(token)
                .contentType("message/rfc822")
                .body(raw)
                .post(suite.url("ingest-service") + "/v1/inbound/raw");
    }

    private static byte[] variant(byte[] template, int i) {
        String text = new String(template, StandardCharsets.UTF_8)
                .replace("<CAF7b3mQ2x0v@mail.northwind.example>", "<crash-" + i + "@mail.northwind.example>");
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static long count(String service, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(Suite.database(service), "postgres", "");
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = WalkingSkeletonIT.class.getClassLoader().getResourceAsStream("mail/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
