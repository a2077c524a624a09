package io.penguinmails.ingest.batch;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.penguinmails.contracts.StorageKeys;
import io.penguinmails.infra.TestTokens;
import io.penguinmails.ingest.IngestTestResource;
import io.penguinmails.ingest.TestMail;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(
        value = IngestTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_queue_test"))
class BatchResourceTest {

    @Test
    void mboxWithAJunkEntryGetsMultiStatusWithOneResultPerMessage() {
        String tenant = UUID.randomUUID().toString();
        JsonPath answer = submit(tenant, resource("mbox/archive.mbox"))
                .statusCode(207)
                .body("total", equalTo(4))
                .body("accepted", equalTo(3))
                .body("refused", equalTo(1))
                .extract()
                .jsonPath();
        assertThat(answer.getList("results.index", Integer.class)).containsExactly(0, 1, 2, 3);
        assertThat(answer.getList("results.status", Integer.class)).containsExactly(202, 202, 202, 400);
        assertThat(answer.getList("results.message_type", String.class))
                .containsExactly("email", "email", "auto_reply", null);
        // The Maildir copy of the first message is its exact bytes: the mbox framing and >From quoting are undone.
        byte[] firstMessage = resource("maildir/cur/1772525638.M412P3321.mail1.acme-outreach.example:2,S");
        assertThat(answer.getString("results[0].storage_key"))
                .isEqualTo(StorageKeys.forRawMessage(tenant, firstMessage));
        assertThat(answer.getString("results[3].error")).isNotBlank();
        assertThat(answer.getString("results[3].storage_key")).isNull();
        assertThat(answer.getString("results[3].job_id")).isNull();
        assertThat(jobIds(tenant))
                .containsExactlyInAnyOrderElementsOf(
                        answer.getList("results.job_id", String.class).subList(0, 3));
    }

    @Test
    void mboxOfGoodMessagesIsOkAndResubmittingItMapsToTheSameJobs() {
        String tenant = UUID.randomUUID().toString();
        byte[] first = TestMail.bytes("two-attachments.eml");
        byte[] second = TestMail.bytes("postfix-dsn-userunknown.eml");
        byte[] mbox = mbox(first, second);
        JsonPath answer = submit(tenant, mbox)
                .statusCode(200)
                .body("accepted", equalTo(2))
                .body("results[1].message_type", equalTo("bounce"))
                .body("results[0].error", nullValue())
                .extract()
                .jsonPath();
        assertThat(answer.getList("results.storage_key", String.class))
                .containsExactly(StorageKeys.forRawMessage(tenant, first), StorageKeys.forRawMessage(tenant, second));

        List<String> again =
                submit(tenant, mbox).statusCode(200).extract().jsonPath().getList("results.job_id");
        assertThat(again).isEqualTo(answer.getList("results.job_id"));
        assertThat(jobIds(tenant)).hasSize(2);
    }

    @Test
    void aBodyThatIsNotAnMboxIsABadRequestAndStoresNothing() {
        String tenant = UUID.randomUUID().toString();
        submit(tenant, TestMail.bytes("two-attachments.eml"))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Not an mbox"))
                .body("detail", containsString("From"));
        submit(tenant, new byte[0]).statusCode(400).contentType("application/problem+json");
        assertThat(jobIds(tenant)).isEmpty();
    }

    @Test
    void aBatchNeedsAToken() {
        given().contentType("application/mbox")
                .body(resource("mbox/archive.mbox"))
                .post("/v1/inbound/batch")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    private static ValidatableResponse submit(String tenant, byte[] body) {
        return given().auth()
                .oauth2(TestTokens.forTenant(tenant))
                .contentType("application/mbox")
                .body(body)
                .post("/v1/inbound/batch")
                .then();
    }

    private static List<String> jobIds(String tenant) {
        return given().auth()
                .oauth2(TestTokens.forTenant(tenant))
                .get("/v1/jobs")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("jobs.id", String.class);
    }

    /** An mboxrd file of the messages: each after a From line, quoted body From lines, an empty line after it. */
    private static byte[] mbox(byte[]... messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] message : messages) {
            out.writeBytes("From sender@example.com Tue Mar  3 08:13:58 2026\r\n".getBytes(StandardCharsets.US_ASCII));
            String text = new String(message, StandardCharsets.ISO_8859_1).replaceAll("(?m)^(>*From )", ">$1");
            out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    private static byte[] resource(String name) {
        try (InputStream in = BatchResourceTest.class.getClassLoader().getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
