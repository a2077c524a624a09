package io.penguinmails.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.penguinmails.contracts.StorageKeys;
import io.penguinmails.infra.TestTokens;
import io.penguinmails.ingest.InboundJob;
import io.penguinmails.ingest.IngestTestResource;
import io.penguinmails.ingest.messaging.JobPublisher;
import io.penguinmails.ingest.repository.JobRepository;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A job whose event cannot be published retries with backoff, dies visibly, and can be replayed. */
@QuarkusTest
@QuarkusTestResource(
        value = IngestTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_queue_test"))
class DeadJobTest {

    @Inject
    JobRepository jobs;

    @Inject
    JobPublisher publisher;

    @Test
    void unpublishableJobDiesAfterMaxAttemptsAndCanBeRetried() {
        UUID tenant = UUID.randomUUID();
        InboundJob job = unpublishableJob(tenant, (byte) 7);
        publisher.publishNow(job);
        UUID jobId = job.id();
        String token = TestTokens.forTenant(tenant.toString());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth()
                .oauth2(token)
                .get("/v1/jobs?status=dead")
                .then()
                .body("jobs.id", hasItem(jobId.toString())));
        given().auth()
                .oauth2(token)
                .get("/v1/jobs/" + jobId)
                .then()
                .statusCode(200)
                .body("attempts", equalTo(2))
                .body("log", hasSize(2));
        given().auth()
                .oauth2(token)
                .post("/v1/jobs/" + jobId + "/retry")
                .then()
                .statusCode(202)
                .body("status", equalTo("queued"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth()
                .oauth2(token)
                .get("/v1/jobs/" + jobId)
                .then()
                .body("status", equalTo("dead"))
                .body("log", hasSize(4)));
        given().auth().oauth2(token).post("/v1/jobs/" + jobId + "/retry").then().statusCode(202);
        given().auth()
                .oauth2(token)
                .post("/v1/jobs/" + jobId + "/retry")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void aJobTheBrokerCouldNotTakeIsQueuedAgainWithItsAttemptsLeft() {
        UUID tenant = UUID.randomUUID();
        InboundJob job = unpublishableJob(tenant, (byte) 8);
        jobs.markUnpublished(job, "SRMSG00034: Insufficient downstream requests to emit item", Duration.ofMinutes(10));
        given().auth()
                .oauth2(TestTokens.forTenant(tenant.toString()))
                .get("/v1/jobs/" + job.id())
                .then()
                .statusCode(200)
                .body("status", equalTo("queued"))
                .body("attempts", equalTo(0))
                .body("log", hasSize(0));
    }

    /** A claimed job whose event body is not an event, so that every publish of it fails. */
    private InboundJob unpublishableJob(UUID tenant, byte rawByte) {
        return jobs.insertClaimed(
                        new JobRepository.NewJob(
                                tenant,
                                StorageKeys.forRawMessage(tenant.toString(), new byte[] {rawByte}),
                                null,
                                "email",
                                "{}",
                                "this is not an event",
                                2),
                        Duration.ofMinutes(1))
                .orElseThrow();
    }
}
