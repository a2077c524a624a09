package io.penguinmails.campaign.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.penguinmails.campaign.KeyDirResource;
import io.penguinmails.campaign.TestApi;
import io.penguinmails.infra.PenguinTestResource;
import io.penguinmails.infra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@QuarkusTestResource(
        value = PenguinTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_oltp_test"))
@QuarkusTestResource(KeyDirResource.class)
class TenantResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void operatorCreatesTenantAndIssuesATokenThatReadsIt() {
        String id = given().auth()
                .oauth2(TestApi.ADMIN_TOKEN)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "  Acme Ltd  "))
                .post("/v1/tenants")
                .then()
                .statusCode(201)
                .contentType(ContentType.JSON)
                .body("name", equalTo("Acme Ltd"))
                .extract()
                .path("id");

        String expiresAt = given().auth()
                .oauth2(TestApi.ADMIN_TOKEN)
                .post("/v1/tenants/{id}/tokens", id)
                .then()
                .statusCode(201)
                .extract()
                .path("expires_at");
        assertThat(Instant.parse(expiresAt))
                .isBetween(
                        Instant.now().plus(Duration.ofDays(30)).minusSeconds(60),
                        Instant.now().plus(Duration.ofDays(30)));

        String token = TestApi.issueToken(id);
        given().auth()
                .oauth2(token)
                .get("/v1/tenants/me")
                .then()
                .statusCode(200)
                .body("id", equalTo(id))
                .body("name", equalTo("Acme Ltd"));
    }

    @Test
    void issuedTokenCarriesTheAgreedClaims() throws Exception {
        String id = TestApi.createTenant("Claims Inc");
        String[] parts = TestApi.issueToken(id).split("\\.");
        JsonNode header = decode(parts[0]);
        JsonNode claims = decode(parts[1]);

        assertThat(header.path("alg").asText()).isEqualTo("RS256");
        assertThat(header.path("kid").asText()).isNotBlank();
        assertThat(claims.path("iss").asText()).isEqualTo("penguinmails");
        assertThat(claims.path("sub").asText()).isEqualTo(id);
        assertThat(claims.path("tenant_id").asText()).isEqualTo(id);
        assertThat(claims.path("groups").toString()).isEqualTo("[\"tenant\"]");
        assertThat(claims.path("jti").asText()).isNotBlank();
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong())
                .isEqualTo(Duration.ofDays(30).toSeconds());
    }

    @Test
    void eachTokenSeesOnlyItsOwnTenant() {
        String first = TestApi.createTenant("First");
        String second = TestApi.createTenant("Second");

        given().auth()
                .oauth2(TestApi.issueToken(first))
                .get("/v1/tenants/me")
                .then()
                .body("id", equalTo(first));
        given().auth()
                .oauth2(TestApi.issueToken(second))
                .get("/v1/tenants/me")
                .then()
                .body("id", equalTo(second));
    }

    @Test
    void tokensSignedWithTheTestKeyVerify() {
        String id = TestApi.createTenant("Signed Elsewhere");

        given().auth()
                .oauth2(TestTokens.forTenant(id))
                .get("/v1/tenants/me")
                .then()
                .statusCode(200);
    }

    @Test
    void adminEndpointsWithoutTokenAre401() {
        assertProblem(
                given().contentType(ContentType.JSON)
                        .body(Map.of("name", "x"))
                        .post("/v1/tenants")
                        .then(),
                401);
        assertProblem(given().post("/v1/tenants/{id}/tokens", UUID.randomUUID()).then(), 401);
    }

    @Test
    void adminEndpointsWithAnUnknownTokenAre401() {
        assertProblem(
                given().auth()
                        .oauth2("not-the-admin-token")
                        .contentType(ContentType.JSON)
                        .body(Map.of("name", "x"))
                        .post("/v1/tenants")
                        .then(),
                401);
    }

    @Test
    void adminEndpointsWithATenantTokenAre403() {
        String tenantToken = TestApi.issueToken(TestApi.createTenant("Curious"));

        assertProblem(
                given().auth()
                        .oauth2(tenantToken)
                        .contentType(ContentType.JSON)
                        .body(Map.of("name", "x"))
                        .post("/v1/tenants")
                        .then(),
                403);
        assertProblem(
                given().auth()
                        .oauth2(tenantToken)
                        .post("/v1/tenants/{id}/tokens", UUID.randomUUID())
                        .then(),
                403);
    }

    @Test
    void meWithTheAdminTokenIs403() {
        assertProblem(
                given().auth().oauth2(TestApi.ADMIN_TOKEN).get("/v1/tenants/me").then(), 403);
    }

    @Test
    void meWithoutTokenIs401() {
        assertProblem(given().get("/v1/tenants/me").then(), 401);
    }

    @Test
    void forgedTokenIs401() {
        String id = TestApi.createTenant("Forged");

        assertProblem(
                given().auth()
                        .oauth2(TestTokens.signedByForeignKey(id))
                        .get("/v1/tenants/me")
                        .then(),
                401);
    }

    @Test
    void expiredTokenIs401() {
        String id = TestApi.createTenant("Expired");

        assertProblem(
                given().auth()
                        .oauth2(TestTokens.expired(id))
                        .get("/v1/tenants/me")
                        .then(),
                401);
    }

    @Test
    void tokenOfAnUnknownTenantIs404() {
        assertProblem(
                given().auth()
                        .oauth2(TestApi.ADMIN_TOKEN)
                        .post("/v1/tenants/{id}/tokens", UUID.randomUUID())
                        .then(),
                404);
        assertProblem(
                given().auth()
                        .oauth2(TestApi.ADMIN_TOKEN)
                        .post("/v1/tenants/not-a-uuid/tokens")
                        .then(),
                404);
    }

    @Test
    void meOfAnUnknownTenantIs404() {
        String stranger = UUID.randomUUID().toString();

        assertProblem(
                given().auth()
                        .oauth2(TestTokens.forTenant(stranger))
                        .get("/v1/tenants/me")
                        .then(),
                404);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "{}",
                "{\"name\": null}",
                "{\"name\": \"   \"}",
                "{\"name\": {\"a\": 1}}",
                "not json",
                "[1, 2]"
            })
    void badBodyIs400(String body) {
        assertProblem(
                given().auth()
                        .oauth2(TestApi.ADMIN_TOKEN)
                        .contentType(ContentType.JSON)
                        .body(body)
                        .post("/v1/tenants")
                        .then(),
                400);
    }

    @Test
    void overlongNameIs400() {
        assertProblem(
                given().auth()
                        .oauth2(TestApi.ADMIN_TOKEN)
                        .contentType(ContentType.JSON)
                        .body(Map.of("name", "n".repeat(TenantResource.MAX_NAME_LENGTH + 1)))
                        .post("/v1/tenants")
                        .then(),
                400);
    }

    private static void assertProblem(ValidatableResponse response, int status) {
        response.statusCode(status)
                .contentType(ProblemExceptionMapper.PROBLEM_JSON)
                .body("status", equalTo(status))
                .body("type", equalTo("about:blank"));
    }

    private static JsonNode decode(String part) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(part));
    }
}
