package io.penguinmails.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.penguinmails.infra.TestTokens;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every HTTP operation every service documents in its OpenAPI, called the way an attacker would: without a token,
 * with an expired one, one signed by another key, garbage, a tenant token on operator endpoints, and filter values
 * shaped like SQL injection. The operation list comes from the running services, so a new endpoint is checked the
 * day it is added.
 */
class SecurityIT {

    /** Paths anyone may call: the key set, tracking pixels and redirects, unsubscribe pages, the dashboard. */
    private static final List<String> PUBLIC_PREFIXES = List.of("/.well-known/", "/t/", "/u/", "/dashboard", "/q/");

    private static final String INJECTION = "' OR '1'='1' --";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Suite suite;
    private static String tenantA;
    private static String tokenA;
    private static String tokenB;
    private static String secretSubject;

    @BeforeAll
    static void startSuite() {
        suite = new Suite().start();
        tenantA = createTenant("Tenant A");
        tokenA = issueToken(tenantA);
        tokenB = issueToken(createTenant("Tenant B"));
        secretSubject = storeMessageOfTenantA();
    }

    @AfterAll
    static void stopSuite() {
        suite.close();
    }

    @Test
    void everyNonPublicOperationRefusesMissingExpiredForeignAndGarbageTokens() {
        List<String> failures = new ArrayList<>();
        for (Operation op : operations()) {
            if (op.isPublic()) {
                continue;
            }
            expect(failures, op, "no token", given(), 401);
            expect(failures, op, "expired token", given().auth().oauth2(TestTokens.expired(tenantA)), 401);
            expect(failures, op, "foreign key", given().auth().oauth2(TestTokens.signedByForeignKey(tenantA)), 401);
            expect(failures, op, "garbage token", given().auth().oauth2("not.a.jwt"), 401);
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void operatorEndpointsRefuseTenantTokens() {
        List<String> failures = new ArrayList<>();
        List<Operation> adminOperations =
                operations().stream().filter(Operation::isAdmin).toList();
        assertThat(adminOperations)
                .as("operator endpoints found in the OpenAPI documents")
                .isNotEmpty();
        for (Operation op : adminOperations) {
            expect(failures, op, "tenant token", given().auth().oauth2(tokenA), 403);
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void injectionShapedFilterValuesNeverFailAndNeverLeakAnotherTenantsData() {
        List<String> failures = new ArrayList<>();
        for (Operation op : operations()) {
            if (!op.method().equals("get") || op.queryParameters().isEmpty() || op.isPublic()) {
                continue;
            }
            RequestSpecification request = given().auth().oauth2(tokenB);
            op.queryParameters().forEach(name -> request.queryParam(name, INJECTION));
            Response response = request.get(op.url(suite));
            if (response.statusCode() >= 500) {
                failures.add(op + " answered " + response.statusCode() + " to injection-shaped filters");
            }
            if (response.asString().contains(secretSubject)) {
                failures.add(op + " showed tenant A's message to tenant B");
            }
        }
        assertThat(failures).isEmpty();
    }

    private static void expect(
            List<String> failures, Operation op, String what, RequestSpecification request, int status) {
        Response response = request.contentType(op.contentType())
                .body(op.sampleBody().getBytes(StandardCharsets.UTF_8))
                .request(op.method(), op.url(suite));
        if (response.statusCode() != status) {
            failures.add(op + " with " + what + ": " + response.statusCode() + " instead of " + status);
        } else if (!String.valueOf(response.contentType()).startsWith("application/problem+json")) {
            failures.add(op + " with " + what + ": " + response.contentType() + " instead of problem+json");
        }
    }

    /** The operations of the four services, read from their OpenAPI documents. */
    private static List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        for (String service : List.of("ingest-service", "content-service", "campaign-service", "analytics-service")) {
            JsonNode paths = openApi(service).path("paths");
            for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> path = it.next();
                path.getValue().fields().forEachRemaining(method -> {
                    if (List.of("get", "post", "put", "patch", "delete").contains(method.getKey())) {
                        operations.add(Operation.of(service, path.getKey(), method.getKey(), method.getValue()));
                    }
                });
            }
        }
        assertThat(operations).hasSizeGreaterThan(20);
        return operations;
    }

    private static JsonNode openApi(String service) {
        try {
            String body = given().accept("application/json")
                    .queryParam("format", "json")
                    .get(suite.url(service) + "/q/openapi")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable OpenAPI document of " + service, e);
        }
    }

    /** One documented operation, with path parameters filled by values that name nothing. */
    private record Operation(
            String service, String path, String method, List<String> queryParameters, String contentType) {

        static Operation of(String service, String path, String method, JsonNode spec) {
            List<String> query = new ArrayList<>();
            spec.path("parameters").forEach(p -> {
                if ("query".equals(p.path("in").asText())) {
                    query.add(p.path("name").asText());
                }
            });
            Iterator<String> types = spec.path("requestBody").path("content").fieldNames();
            return new Operation(service, path, method, query, types.hasNext() ? types.next() : "application/json");
        }

        /** A well-formed body of the declared type, so that only the credential can be what is refused. */
        String sampleBody() {
            return contentType.contains("json") ? "{}" : "From: a@example.com\r\nSubject: probe\r\n\r\nprobe\r\n";
        }

        boolean isPublic() {
            return PUBLIC_PREFIXES.stream().anyMatch(path::startsWith);
        }

        /** Operator-only: creating tenants and issuing their tokens, and everything under /v1/admin. */
        boolean isAdmin() {
            return path.startsWith("/v1/admin/")
                    || (path.equals("/v1/tenants") && method.equals("post"))
                    || path.startsWith("/v1/tenants/{id}/tokens");
        }

        String url(Suite suite) {
            String filled = path.replaceAll("\\{[^}]*key[^}]*}", "raw_" + "0".repeat(64))
                    .replaceAll("\\{[^}]*}", UUID.randomUUID().toString());
            return suite.url(service) + filled;
        }

        @Override
        public String toString() {
            return method.toUpperCase() + " " + service + path;
        }
    }

    private static String storeMessageOfTenantA() {
        String subject = "Confidential pricing " + UUID.randomUUID();
        String raw = resource("two-attachments.eml")
                .replace("Re: Propuesta para el próximo trimestre", subject)
                .replace("<CAF7b3mQ2x0v@mail.northwind.example>", "<" + UUID.randomUUID() + "@northwind.example>");
        String key = given().auth()
                .oauth2(tokenA)
                .contentType("message/rfc822")
                .body(raw.getBytes(StandardCharsets.UTF_8))
                .post(suite.url("ingest-service") + "/v1/inbound/raw")
                .then()
                .statusCode(202)
                .extract()
                .path("storage_key");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth()
                .oauth2(tokenA)
                .get(suite.url("content-service") + "/v1/messages/" + key)
                .then()
                .statusCode(200));
        return subject;
    }

    private static String createTenant(String name) {
        return given().auth()
                .oauth2(Suite.ADMIN_TOKEN)
                .contentType("application/json")
                .body(Map.of("name", name))
                .post(suite.url("campaign-service") + "/v1/tenants")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static String issueToken(String tenantId) {
        return given().auth()
                .oauth2(Suite.ADMIN_TOKEN)
                .post(suite.url("campaign-service") + "/v1/tenants/" + tenantId + "/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("token");
    }

    private static String resource(String name) {
        try (InputStream in = SecurityIT.class.getClassLoader().getResourceAsStream("mail/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
