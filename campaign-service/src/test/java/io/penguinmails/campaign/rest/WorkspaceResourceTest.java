package io.penguinmails.campaign.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.penguinmails.campaign.KeyDirResource;
import io.penguinmails.campaign.TestApi;
import io.penguinmails.campaign.repository.SuppressionRepository;
import io.penguinmails.campaign.service.domain.DomainService;
import io.penguinmails.infra.PenguinTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(
        value = PenguinTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_oltp_test"))
@QuarkusTestResource(KeyDirResource.class)
class WorkspaceResourceTest {

    @Inject
    DomainService domainService;

    @Inject
    SuppressionRepository suppressions;

    @Test
    void companiesHaveCrudAndStayWithinTheirTenant() {
        String token = TestApi.issueToken(TestApi.createTenant("Agency"));
        String other = TestApi.issueToken(TestApi.createTenant("Other agency"));
        String id = given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("name", " Acme ", "domain", "acme.example", "industry", "tools"))
                .post("/v1/companies")
                .then()
                .statusCode(201)
                .body("name", equalTo("Acme"))
                .extract()
                .path("id");

        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "Acme Corp", "size", "50-200"))
                .put("/v1/companies/{id}", id)
                .then()
                .statusCode(200)
                .body("name", equalTo("Acme Corp"))
                .body("size", equalTo("50-200"));
        given().auth().oauth2(token).get("/v1/companies").then().statusCode(200).body("id", hasItem(id));
        given().auth().oauth2(other).get("/v1/companies/{id}", id).then().statusCode(404);
        given().auth().oauth2(other).get("/v1/companies").then().statusCode(200).body("id", not(hasItem(id)));
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("name", " "))
                .post("/v1/companies")
                .then()
                .statusCode(422)
                .body("detail", containsString("name"));
        given().auth().oauth2(other).delete("/v1/companies/{id}", id).then().statusCode(404);
        given().auth().oauth2(token).delete("/v1/companies/{id}", id).then().statusCode(204);
        given().auth().oauth2(token).get("/v1/companies/{id}", id).then().statusCode(404);
    }

    @Test
    void aDomainShowsSpfDkimAndDmarcRecordsWithItsOwnEncryptedKeyPair() throws Exception {
        String tenantId = TestApi.createTenant("Sender");
        String token = TestApi.issueToken(tenantId);
        EmailAccountResourceTest.create(token, EmailAccountResourceTest.mailbox("a@mail.acme.example", "pw", "pw"));

        JsonPath domain = given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "Mail.Acme.Example."))
                .post("/v1/domains")
                .then()
                .statusCode(201)
                .body("name", equalTo("mail.acme.example"))
                .body("status", equalTo("pending"))
                .extract()
                .jsonPath();

        assertThat(record(domain, "spf"))
                .containsEntry("name", "mail.acme.example")
                .containsEntry("type", "TXT")
                .containsEntry("value", "v=spf1 mx a:smtp.acme.example ~all");
        assertThat(record(domain, "dmarc"))
                .containsEntry("name", "_dmarc.mail.acme.example")
                .containsEntry("value", "v=DMARC1; p=none; rua=mailto:postmaster@mail.acme.example");
        Map<String, Object> dkim = record(domain, "dkim");
        assertThat(dkim).containsEntry("name", "penguin._domainkey.mail.acme.example");
        String value = (String) dkim.get("value");
        assertThat(value).startsWith("v=DKIM1; k=rsa; p=");
        RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(
                        new X509EncodedKeySpec(Base64.getDecoder().decode(value.substring(value.indexOf("p=") + 2))));
        assertThat(publicKey.getModulus().bitLength()).isEqualTo(2048);

        String privateText = domainService
                .dkimPrivateKey(UUID.fromString(tenantId), "mail.acme.example")
                .orElseThrow();
        RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privateText)));
        assertThat(privateKey.getModulus()).isEqualTo(publicKey.getModulus());
        assertThat(domain.prettify()).doesNotContain(privateText.substring(0, 40));

        String id = domain.getString("id");
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "mail.acme.example"))
                .post("/v1/domains")
                .then()
                .statusCode(409);
        String other = TestApi.issueToken(TestApi.createTenant("Domain snoop"));
        given().auth().oauth2(other).get("/v1/domains/{id}", id).then().statusCode(404);
        given().auth().oauth2(other).delete("/v1/domains/{id}", id).then().statusCode(404);
        given().auth().oauth2(token).delete("/v1/domains/{id}", id).then().statusCode(204);
        given().auth().oauth2(token).get("/v1/domains/{id}", id).then().statusCode(404);
    }

    @Test
    void badDomainNamesAreRefused() {
        String token = TestApi.issueToken(TestApi.createTenant("Bad domains"));
        for (String name : new String[] {"localhost", "bad_domain.example", "-x.example", ""}) {
            given().auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .body(Map.of("name", name))
                    .post("/v1/domains")
                    .then()
                    .statusCode(422)
                    .contentType(ProblemExceptionMapper.PROBLEM_JSON);
        }
    }

    @Test
    void manualSuppressionsAreListedWithReasonAndCanBeLifted() {
        String tenantId = TestApi.createTenant("Blocker");
        String token = TestApi.issueToken(tenantId);
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("email", "Blocked@Example.com"))
                .post("/v1/suppressions")
                .then()
                .statusCode(201)
                .body("email", equalTo("blocked@example.com"))
                .body("reason", equalTo("manual"));
        suppressions.suppress(UUID.fromString(tenantId), "gone@example.com", "hard_bounce", "test");
        suppressions.suppress(UUID.fromString(tenantId), "GONE@example.com", "complaint", "test");

        JsonPath list = given().auth()
                .oauth2(token)
                .get("/v1/suppressions")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(list.getList("email")).containsExactlyInAnyOrder("blocked@example.com", "gone@example.com");
        assertThat(list.getString("find { it.email == 'gone@example.com' }.reason"))
                .isEqualTo("hard_bounce");
        assertThat(suppressions.isSuppressed(UUID.fromString(tenantId), "BLOCKED@example.com"))
                .isTrue();

        String other = TestApi.issueToken(TestApi.createTenant("Not blocked"));
        given().auth()
                .oauth2(other)
                .delete("/v1/suppressions/{email}", "blocked@example.com")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(token)
                .delete("/v1/suppressions/{email}", "blocked@example.com")
                .then()
                .statusCode(204);
        assertThat(suppressions.isSuppressed(UUID.fromString(tenantId), "blocked@example.com"))
                .isFalse();
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("email", "x@example.com", "reason", "dislike"))
                .post("/v1/suppressions")
                .then()
                .statusCode(422);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> record(JsonPath domain, String purpose) {
        return (Map<String, Object>) domain.getList("dns_records", Map.class).stream()
                .filter(r -> purpose.equals(r.get("purpose")))
                .findFirst()
                .orElseThrow();
    }
}
