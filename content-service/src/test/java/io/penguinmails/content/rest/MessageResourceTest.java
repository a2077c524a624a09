package io.penguinmails.content.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.penguinmails.content.ContentTestResource;
import io.penguinmails.content.MailEvents;
import io.penguinmails.contracts.MailEvent;
import io.penguinmails.contracts.Topics;
import io.penguinmails.infra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(
        value = ContentTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_content_test"))
class MessageResourceTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private String tenant;
    private MailEvent event;

    @BeforeEach
    void storeOne() {
        tenant = UUID.randomUUID().toString();
        event = MailEvents.twoAttachments(tenant);
        MailEvents.publish(bootstrap, Topics.MAIL_INBOUND, MailEvents.newId(), event);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth()
                .oauth2(TestTokens.forTenant(tenant))
                .get("/v1/messages/" + event.storageKey())
                .then()
                .statusCode(200));
    }

    @Test
    void returnsMetadataBodiesHeadersAndAttachmentList() {
        JsonPath body = given().auth()
                .oauth2(TestTokens.forTenant(tenant))
                .get("/v1/messages/" + event.storageKey())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(body.getString("subject")).isEqualTo("Re: Propuesta para el próximo trimestre");
        assertThat(body.getString("from.address")).isEqualTo("maria.lopez@northwind.example");
        assertThat(body.getString("from.name")).isEqualTo("María López");
        assertThat(body.getString("content_text")).startsWith("Hola Sam,");
        assertThat(body.getString("content_html")).contains("<div dir=\"ltr\">");
        assertThat(body.getString("direction")).isEqualTo("inbound");
        assertThat(body.getList("headers.name")).containsExactly("Subject");
        assertThat(body.getList("attachments.filename")).containsExactly("contrato firmado.pdf", "contactos.csv");
        assertThat(body.getList("attachments.sha256"))
                .containsExactly(
                        event.attachments().get(0).sha256(),
                        event.attachments().get(1).sha256());
    }

    @Test
    void servesAttachmentBytesAndTheRawMessageByteForByte() {
        String token = TestTokens.forTenant(tenant);
        String id = given().auth()
                .oauth2(token)
                .get("/v1/messages/" + event.storageKey())
                .then()
                .extract()
                .path("attachments[0].id");
        byte[] pdf = given().auth()
                .oauth2(token)
                .get("/v1/messages/" + event.storageKey() + "/attachments/" + id)
                .then()
                .statusCode(200)
                .contentType("application/pdf")
                .header("Content-Disposition", containsString("filename*=UTF-8''contrato%20firmado.pdf"))
                .extract()
                .asByteArray();
        assertThat(pdf).isEqualTo(MailEvents.resource("two-attachments.pdf.bin"));
        byte[] raw = given().auth()
                .oauth2(token)
                .get("/v1/messages/" + event.storageKey() + "/raw")
                .then()
                .statusCode(200)
                .contentType("message/rfc822")
                .extract()
                .asByteArray();
        assertThat(raw).isEqualTo(MailEvents.resource("two-attachments.eml"));
    }

    @Test
    void anotherTenantGets404AndNoTokenGets401() {
        String other = TestTokens.forTenant(UUID.randomUUID().toString());
        given().auth()
                .oauth2(other)
                .get("/v1/messages/" + event.storageKey())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(other)
                .get("/v1/messages/" + event.storageKey() + "/raw")
                .then()
                .statusCode(404);
        given().get("/v1/messages/" + event.storageKey())
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(TestTokens.signedByForeignKey(tenant))
                .get("/v1/messages/" + event.storageKey())
                .then()
                .statusCode(401);
    }

    @Test
    void malformedKeysAndIdsAre404() {
        String token = TestTokens.forTenant(tenant);
        given().auth()
                .oauth2(token)
                .get("/v1/messages/not-a-key")
                .then()
                .statusCode(404)
                .body("title", equalTo("Not Found"));
        given().auth()
                .oauth2(token)
                .get("/v1/messages/" + event.storageKey() + "/attachments/zzz")
                .then()
                .statusCode(404);
    }
}
