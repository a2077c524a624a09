package io.penguinmails.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.penguinmails.contracts.AnalyticsEvent;
import io.penguinmails.contracts.CloudEvent;
import io.penguinmails.contracts.EventJson;
import io.penguinmails.contracts.EventSchemas;
import io.penguinmails.contracts.MailEvent;
import io.penguinmails.contracts.StorageKeys;
import io.penguinmails.contracts.Topics;
import io.penguinmails.infra.TestTokens;
import io.penguinmails.ingest.IngestTestResource;
import io.penguinmails.ingest.KafkaProbe;
import io.penguinmails.ingest.TestMail;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(
        value = IngestTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_queue_test"))
class InboundResourceTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void acceptedMessageIsPublishedOnceWithItsEnvelopeAndValidatesAgainstTheSchema() {
        String tenant = UUID.randomUUID().toString();
        byte[] raw = TestMail.bytes("two-attachments.eml");
        ExtractableResponse<Response> first = submit(tenant, raw)
                .statusCode(202)
                .body("message_type", equalTo("email"))
                .body("bounce", nullValue())
                .body("auto_reply", nullValue())
                .extract();
        String storageKey = first.path("storage_key");
        assertThat(storageKey).isEqualTo(StorageKeys.forRawMessage(tenant, raw));
        submit(tenant, raw).statusCode(202).body("job_id", equalTo(first.path("job_id")));

        List<ConsumerRecord<String, String>> records =
                KafkaProbe.await(bootstrap, Topics.MAIL_INBOUND, 1, r -> storageKey.equals(r.key()));
        assertThat(records).hasSize(1);
        ConsumerRecord<String, String> record = records.get(0);
        assertThat(EventSchemas.violations(Topics.MAIL_INBOUND, record.value())).isEmpty();
        CloudEvent envelope = CloudEvent.fromHeaders(record.headers());
        assertThat(envelope.id()).isEqualTo(first.path("job_id").toString());
        assertThat(envelope.type()).isEqualTo("io.penguinmails.mail.inbound.v1");
        MailEvent event = EventJson.read(record.value(), MailEvent.class);
        assertThat(event.subject()).isEqualTo("Re: Propuesta para el próximo trimestre");
        assertThat(event.attachments()).hasSize(2);
        assertThat(java.util.Base64.getDecoder().decode(event.rawBase64())).isEqualTo(raw);
    }

    @Test
    void everyAcceptedMessageAlsoPublishesAReceivedAnalyticsEvent() {
        String tenant = UUID.randomUUID().toString();
        String mailbox = UUID.randomUUID().toString();
        Instant before = Instant.now();
        String storageKey = given().auth()
                .oauth2(TestTokens.forTenant(tenant))
                .contentType("message/rfc822")
                .queryParam("email_account_id", mailbox)
                .body(TestMail.bytes("exchange-out-of-office.eml"))
                .post("/v1/inbound/raw")
                .then()
                .statusCode(202)
                .extract()
                .path("storage_key");
        List<ConsumerRecord<String, String>> records = KafkaProbe.await(
                bootstrap,
                Topics.ANALYTICS_EVENTS,
                1,
                r -> tenant.equals(r.key()) && r.value().contains(storageKey));
        assertThat(records).hasSize(1);
        String body = records.get(0).value();
        assertThat(EventSchemas.violations(Topics.ANALYTICS_EVENTS, body)).isEmpty();
        AnalyticsEvent received = EventJson.read(body, AnalyticsEvent.class);
        assertThat(received.eventType()).isEqualTo("received");
        assertThat(received.tenantId()).isEqualTo(tenant);
        assertThat(received.emailAccountId()).isEqualTo(mailbox);
        assertThat(received.storageKey()).isEqualTo(storageKey);
        assertThat(received.occurredAt()).isBetween(before, Instant.now());
    }

    @Test
    void bouncesAndComplaintsGoToTheBounceTopicAndAutoRepliesToTheirOwn() {
        String tenant = UUID.randomUUID().toString();
        String bounceKey = submit(tenant, TestMail.bytes("postfix-dsn-userunknown.eml"))
                .statusCode(202)
                .body("message_type", equalTo("bounce"))
                .body("bounce.recipients[0].recipient", equalTo("nobody@globex.example"))
                .body("bounce.recipients[0].status", equalTo("5.1.1"))
                .body("bounce.recipients[0].reply_code", equalTo("550"))
                .body("bounce.recipients[0].reason", equalTo("userunknown"))
                .body("bounce.recipients[0].hard", equalTo(true))
                .extract()
                .path("storage_key");
        String complaintKey = submit(tenant, TestMail.bytes("arf-complaint.eml"))
                .statusCode(202)
                .body("message_type", equalTo("complaint"))
                .extract()
                .path("storage_key");
        String autoKey = submit(tenant, TestMail.bytes("exchange-out-of-office.eml"))
                .statusCode(202)
                .body("message_type", equalTo("auto_reply"))
                .body("auto_reply.kind", equalTo("vacation"))
                .extract()
                .path("storage_key");
        assertThat(KafkaProbe.await(
                        bootstrap,
                        Topics.MAIL_BOUNCE,
                        2,
                        r -> bounceKey.equals(r.key()) || complaintKey.equals(r.key())))
                .hasSize(2);
        assertThat(KafkaProbe.await(bootstrap, Topics.MAIL_AUTOREPLY, 1, r -> autoKey.equals(r.key())))
                .hasSize(1);
    }

    /**
     * Damaged mail as it arrives from real systems (hostile/): NUL bytes in an 8-bit body and an encoded-word subject,
     * and a DSN whose recipient block lost its Final-Recipient. Both are queued and published with valid records.
     */
    @Test
    void damagedMailIsQueuedAndPublishedInsteadOfFailingTheRequest() {
        String tenant = UUID.randomUUID().toString();
        String nulKey = submit(tenant, TestMail.bytes("hostile/nul-characters.eml"))
                .statusCode(202)
                .body("message_type", equalTo("email"))
                .extract()
                .path("storage_key");
        String dsnKey = submit(tenant, TestMail.bytes("hostile/dsn-without-recipient.eml"))
                .statusCode(202)
                .body("message_type", equalTo("bounce"))
                .extract()
                .path("storage_key");

        ConsumerRecord<String, String> nul = KafkaProbe.await(
                        bootstrap, Topics.MAIL_INBOUND, 1, r -> nulKey.equals(r.key()))
                .get(0);
        MailEvent event = EventJson.read(nul.value(), MailEvent.class);
        assertThat(event.subject()).isEqualTo("Nightly export\uFFFD report");
        assertThat(event.text())
                .contains("rows\uFFFD\uFFFD\uFFFD written: 1204")
                .doesNotContain("\0");
        ConsumerRecord<String, String> dsn = KafkaProbe.await(
                        bootstrap, Topics.MAIL_BOUNCE, 1, r -> dsnKey.equals(r.key()))
                .get(0);
        assertThat(EventSchemas.violations(Topics.MAIL_BOUNCE, dsn.value())).isEmpty();
        assertThat(EventJson.read(dsn.value(), MailEvent.class).bounce().recipients())
                .isEmpty();
    }

    @Test
    void badInputGetsProblemJsonAndStoresNothing() {
        String tenant = UUID.randomUUID().toString();
        given().auth()
                .oauth2(TestTokens.forTenant(tenant))
                .contentType("message/rfc822")
                .body(new byte[0])
                .post("/v1/inbound/raw")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400));
        submit(tenant, TestMail.bytes("not-a-message.txt"))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Not a message"));
        given().auth()
                .oauth2(TestTokens.forTenant(tenant))
                .get("/v1/jobs")
                .then()
                .statusCode(200)
                .body("jobs.size()", equalTo(0));
    }

    @Test
    void missingForgedOrExpiredTokensAreRefused() {
        byte[] raw = TestMail.bytes("two-attachments.eml");
        String tenant = UUID.randomUUID().toString();
        given().contentType("message/rfc822")
                .body(raw)
                .post("/v1/inbound/raw")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(TestTokens.signedByForeignKey(tenant))
                .contentType("message/rfc822")
                .body(raw)
                .post("/v1/inbound/raw")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(TestTokens.expired(tenant))
                .contentType("message/rfc822")
                .body(raw)
                .post("/v1/inbound/raw")
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(TestTokens.forTenant(tenant))
                .get("/v1/jobs")
                .then()
                .body("jobs.size()", equalTo(0));
    }

    @Test
    void oneTenantCannotSeeAnothersJobs() {
        String owner = UUID.randomUUID().toString();
        String jobId = submit(owner, TestMail.bytes("two-attachments.eml"))
                .statusCode(202)
                .extract()
                .path("job_id");
        given().auth()
                .oauth2(TestTokens.forTenant(owner))
                .get("/v1/jobs/" + jobId)
                .then()
                .statusCode(200)
                .body("id", equalTo(jobId));
        String other = UUID.randomUUID().toString();
        given().auth()
                .oauth2(TestTokens.forTenant(other))
                .get("/v1/jobs/" + jobId)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(TestTokens.forTenant(other))
                .post("/v1/jobs/" + jobId + "/retry")
                .then()
                .statusCode(404);
    }

    @Test
    void unknownJobStatusFilterIsABadRequest() {
        given().auth()
                .oauth2(TestTokens.forTenant(UUID.randomUUID().toString()))
                .get("/v1/jobs?status=lost")
                .then()
                .statusCode(400)
                .body("detail", startsWith("status must be one of"));
    }

    static io.restassured.response.ValidatableResponse submit(String tenant, byte[] raw) {
        return given().auth()
                .oauth2(TestTokens.forTenant(tenant))
                .contentType("message/rfc822")
                .body(raw)
                .post("/v1/inbound/raw")
                .then();
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
