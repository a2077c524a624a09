package io.penguinmails.campaign;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.Map;

/** The operator's calls that most tests start with, made over HTTP with the test profile's admin token. */
public final class TestApi {

    /** The admin token of the test profile. */
    public static final String ADMIN_TOKEN = "dev-admin-token";

    private TestApi() {}

    /** Creates a tenant and returns its id. */
    public static String createTenant(String name) {
        return given().auth()
                .oauth2(ADMIN_TOKEN)
                .contentType(ContentType.JSON)
                .body(Map.of("name", name))
                .post("/v1/tenants")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** Issues a token of the tenant and returns it. */
    public static String issueToken(String tenantId) {
        return given().auth()
                .oauth2(ADMIN_TOKEN)
                .post("/v1/tenants/{id}/tokens", tenantId)
                .then()
                .statusCode(201)
                .extract()
                .path("token");
    }
}
