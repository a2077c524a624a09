package io.penguinmails.campaign.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/** Lead import calls the workspace tests share: post a CSV and wait for the background worker to finish it. */
public final class LeadImports {

    private LeadImports() {}

    /** Posts a CSV into a list with optional query parameters (e.g. a column mapping) and returns the import id. */
    static String submit(String token, String list, String csv, Map<String, String> query) {
        return given().auth()
                .oauth2(token)
                .contentType("text/csv")
                .queryParam("list", list)
                .queryParams(query)
                .body(csv)
                .post("/v1/leads/import")
                .then()
                .statusCode(202)
                .extract()
                .path("import_id");
    }

    /** Waits until the import completed and returns its status document. */
    static JsonPath awaitCompleted(String token, String importId) {
        return awaitImport(
                token,
                importId,
                status ->
                        !"queued".equals(status.getString("status")) && !"running".equals(status.getString("status")));
    }

    /** Polls an import's status document until it reaches a state, and returns that document. */
    public static JsonPath awaitImport(String token, String importId, Predicate<JsonPath> reached) {
        JsonPath[] status = new JsonPath[1];
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    status[0] = given().auth()
                            .oauth2(token)
                            .get("/v1/leads/imports/{id}", importId)
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath();
                    return reached.test(status[0]);
                });
        return status[0];
    }

    /** Imports a CSV and waits for it. */
    static JsonPath importAndWait(String token, String list, String csv) {
        return awaitCompleted(token, submit(token, list, csv, Map.of()));
    }
}
