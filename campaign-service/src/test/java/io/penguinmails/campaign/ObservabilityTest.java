package io.penguinmails.campaign;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;

import io.penguinmails.infra.PenguinTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(
        value = PenguinTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_oltp_test"))
@QuarkusTestResource(KeyDirResource.class)
class ObservabilityTest {

    @Test
    void readinessIsUpWithDatabaseAndKafkaChecks() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")))
                .body("checks.name", hasItem(containsString("Kafka")));
    }

    @Test
    void livenessIsUp() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void prometheusMetricsAreServed() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void openApiDescribesTheTenantEndpoints() {
        given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("paths", hasKey("/v1/tenants"))
                .body("paths", hasKey("/v1/tenants/{id}/tokens"))
                .body("paths", hasKey("/v1/tenants/me"))
                .body("paths", hasKey("/.well-known/jwks.json"));
    }

    @Test
    void openApiDocumentsTheMainPathsWithBearerSecurityAndProblemJsonErrors() {
        Map<String, Object> doc = openApi();
        Map<String, Object> paths = map(doc, "paths");
        assertThat(paths)
                .containsKeys(
                        "/v1/campaigns",
                        "/v1/campaigns/{id}",
                        "/v1/campaigns/{id}/steps",
                        "/v1/campaigns/{id}/enroll",
                        "/v1/campaigns/{id}/start",
                        "/v1/leads",
                        "/v1/leads/import",
                        "/v1/leads/imports/{id}",
                        "/v1/leads/imports/{id}/rejects",
                        "/v1/lead-lists",
                        "/v1/templates",
                        "/v1/templates/{id}/preview",
                        "/v1/email-accounts",
                        "/v1/email-accounts/{id}/pause",
                        "/v1/domains",
                        "/v1/companies",
                        "/v1/suppressions",
                        "/t/o/{token}",
                        "/t/c/{token}",
                        "/u/{token}");
        Map<String, Object> bearer = map(map(map(doc, "components"), "securitySchemes"), "bearer");
        assertThat(bearer).containsEntry("type", "http").containsEntry("scheme", "bearer");
        assertThat(bearer).containsEntry("bearerFormat", "JWT");
        Map<String, Object> problem = map(map(map(doc, "components"), "schemas"), "Problem");
        assertThat(map(problem, "properties")).containsOnlyKeys("type", "title", "status", "detail");

        int errors = 0;
        for (Map.Entry<String, Object> path : paths.entrySet()) {
            for (Map.Entry<String, Object> operation : operations(path.getValue())) {
                String where = operation.getKey() + " " + path.getKey();
                Map<String, Object> op = cast(operation.getValue());
                assertThat(op.get("summary")).as(where + " summary").isNotNull();
                assertThat(op.get("tags")).as(where + " tags").isNotNull();
                if (path.getKey().startsWith("/v1/")) {
                    assertThat(op.get("security"))
                            .as(where + " security")
                            .isEqualTo(List.of(Map.of("bearer", List.of())));
                    assertThat(map(op, "responses")).as(where + " responses").containsKeys("401", "403");
                    errors += assertErrorsAreProblems(doc, where, map(op, "responses"));
                } else {
                    assertThat(op.get("security")).as(where + " is public").isNull();
                }
            }
        }
        assertThat(errors).as("documented error responses").isGreaterThan(100);
    }

    @Test
    void anErrorAnswerHasTheDocumentedProblemShape() {
        given().get("/v1/campaigns")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("about:blank"))
                .body("title", equalTo("Unauthorized"))
                .body("status", equalTo(401))
                .body("detail", containsString("bearer token"));
    }

    /** Every 4xx response of an operation names problem+json with the Problem schema; answers how many there are. */
    private static int assertErrorsAreProblems(Map<String, Object> doc, String where, Map<String, Object> responses) {
        int count = 0;
        for (Map.Entry<String, Object> response : responses.entrySet()) {
            if (!response.getKey().startsWith("4") || response.getKey().equals("413")) {
                continue;
            }
            Map<String, Object> resolved = resolve(doc, cast(response.getValue()));
            Map<String, Object> content = map(resolved, "content");
            assertThat(content).as(where + " " + response.getKey()).containsOnlyKeys("application/problem+json");
            assertThat(map(map(content, "application/problem+json"), "schema"))
                    .as(where + " " + response.getKey())
                    .containsEntry("$ref", "#/components/schemas/Problem");
            count++;
        }
        return count;
    }

    private static Map<String, Object> resolve(Map<String, Object> doc, Map<String, Object> response) {
        Object ref = response.get("$ref");
        if (ref == null) {
            return response;
        }
        String name = ref.toString().substring("#/components/responses/".length());
        return map(map(map(doc, "components"), "responses"), name);
    }

    private static List<Map.Entry<String, Object>> operations(Object pathItem) {
        return cast(pathItem).entrySet().stream()
                .filter(entry -> Set.of("get", "put", "post", "delete", "patch").contains(entry.getKey()))
                .toList();
    }

    private static Map<String, Object> openApi() {
        return given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("$");
    }

    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        assertThat(parent).containsKey(key);
        return cast(parent.get(key));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object value) {
        return (Map<String, Object>) value;
    }
}
