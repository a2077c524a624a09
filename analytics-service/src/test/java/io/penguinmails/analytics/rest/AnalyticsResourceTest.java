package io.penguinmails.analytics.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import io.penguinmails.analytics.OlapTestResource;
import io.penguinmails.infra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The HTTP surface: authentication, request validation, the no-data answers and the operational endpoints. */
@QuarkusTest
@QuarkusTestResource(
        value = OlapTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_olap_test"))
class AnalyticsResourceTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    @ParameterizedTest
    @ValueSource(strings = {"/v1/analytics/daily", "/v1/analytics/campaigns/c1", "/v1/analytics/overview"})
    void withoutATokenEveryEndpointAnswers401ProblemJson(String path) {
        given().get(path).then().statusCode(401).contentType(PROBLEM_JSON).body("status", is(401));
    }

    @Test
    void aTokenSignedByAnUntrustedKeyIsRefused() {
        given().auth()
                .oauth2(TestTokens.signedByForeignKey(newTenant()))
                .get("/v1/analytics/overview")
                .then()
                .statusCode(401)
                .contentType(PROBLEM_JSON);
    }

    @Test
    void aMalformedDateIs400ProblemJson() {
        api().get("/v1/analytics/daily?from=2025-13-01&to=2025-12-31")
                .then()
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("title", is("Bad Request"))
                .body("detail", containsString("from must be a date as YYYY-MM-DD"));
    }

    @Test
    void anInvertedRangeIs400() {
        api().get("/v1/analytics/daily?from=2025-06-10&to=2025-06-01")
                .then()
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("detail", containsString("is after"));
    }

    @Test
    void aCampaignWithoutEventsAnswersZerosNot404() {
        api().get("/v1/analytics/campaigns/never-heard-of")
                .then()
                .statusCode(200)
                .body("campaign_id", is("never-heard-of"))
                .body("sent", is(0))
                .body("complained", is(0))
                .body("open_rate", is(0.0f))
                .body("complaint_rate", is(0.0f));
    }

    @Test
    void aNewTenantHasNoDaysAndZeroTotals() {
        api().get("/v1/analytics/daily").then().statusCode(200).body("days", empty());
        api().get("/v1/analytics/overview")
                .then()
                .statusCode(200)
                .body("sent", is(0))
                .body("received", is(0));
    }

    @Test
    void readinessIsUpWithDatabaseAndKafka() {
        given().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
    }

    @Test
    void openApiDescribesTheSnakeCaseFields() {
        given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body(containsString("/v1/analytics/daily"))
                .body(containsString("open_rate"))
                .body(containsString("campaign_id"));
    }

    private static RequestSpecification api() {
        return given().auth().oauth2(TestTokens.forTenant(newTenant()));
    }

    private static String newTenant() {
        return UUID.randomUUID().toString();
    }
}
