package io.penguinmails.content.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.penguinmails.content.ContentTestResource;
import io.penguinmails.content.GreenMailResource;
import io.penguinmails.content.service.NotificationService;
import io.penguinmails.infra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(
        value = ContentTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_content_test"))
@QuarkusTestResource(GreenMailResource.class)
class NotificationResourceTest {

    private static final String PATH = "/v1/notifications";

    @Inject
    NotificationService service;

    @Inject
    DataSource dataSource;

    @Test
    void markReadAndReadAllChangeWhatTheUnreadFilterShows() {
        String token = TestTokens.forTenant(UUID.randomUUID().toString());
        String first = create(token, "first");
        String second = create(token, "second");
        create(token, "third");
        assertThat(titles(token, "?unread=true")).containsExactly("third", "second", "first");

        given().auth()
                .oauth2(token)
                .post(PATH + "/" + second + "/read")
                .then()
                .statusCode(200)
                .body("read", equalTo(true))
                .body("read_at", notNullValue());
        String readAt = given().auth().oauth2(token).get(PATH + "/" + second).path("read_at");
        // Marking again keeps the first read time.
        given().auth().oauth2(token).post(PATH + "/" + second + "/read").then().body("read_at", equalTo(readAt));
        assertThat(titles(token, "?unread=true")).containsExactly("third", "first");

        given().auth()
                .oauth2(token)
                .post(PATH + "/read-all")
                .then()
                .statusCode(200)
                .body("marked", equalTo(2));
        assertThat(titles(token, "?unread=true")).isEmpty();
        assertThat(titles(token, "")).containsExactly("third", "second", "first");
        given().auth().oauth2(token).get(PATH + "/" + first).then().body("read", equalTo(true));
        given().auth().oauth2(token).get(PATH + "?unread=maybe").then().statusCode(400);
    }

    @Test
    void anotherTenantsNotificationIsNotFoundNotListedAndNotMarked() {
        String token = TestTokens.forTenant(UUID.randomUUID().toString());
        String otherToken = TestTokens.forTenant(UUID.randomUUID().toString());
        String id = create(token, "private");
        given().auth()
                .oauth2(otherToken)
                .get(PATH + "/" + id)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(otherToken).post(PATH + "/" + id + "/read").then().statusCode(404);
        given().auth().oauth2(otherToken).post(PATH + "/read-all").then().body("marked", equalTo(0));
        assertThat(titles(otherToken, "")).isEmpty();
        given().auth().oauth2(token).get(PATH + "/" + id).then().statusCode(200).body("read", equalTo(false));
        given().get(PATH).then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void expiredNotificationsDisappearAtOnceAndThePurgeDeletesThem() throws Exception {
        String token = TestTokens.forTenant(UUID.randomUUID().toString());
        String kept = create(token, "kept");
        String expiring = createFromBody(
                        token,
                        Map.of(
                                "kind",
                                "trial.ending",
                                "title",
                                "expiring",
                                "expires_at",
                                Instant.now().plusSeconds(2).toString()))
                .then()
                .statusCode(201)
                .body("expires_at", notNullValue())
                .extract()
                .path("id");
        assertThat(titles(token, "")).containsExactly("expiring", "kept");

        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(250))
                .until(() ->
                        given().auth().oauth2(token).get(PATH + "/" + expiring).statusCode() == 404);
        assertThat(titles(token, "")).containsExactly("kept");
        given().auth()
                .oauth2(token)
                .post(PATH + "/" + expiring + "/read")
                .then()
                .statusCode(404);
        assertThat(rows(expiring)).as("hidden, not yet deleted").isEqualTo(1);

        assertThat(service.purgeExpired()).isGreaterThanOrEqualTo(1);
        assertThat(rows(expiring)).isZero();
        assertThat(rows(kept)).isEqualTo(1);
    }

    @Test
    void keysetPagesNeitherSkipNorRepeat() {
        String token = TestTokens.forTenant(UUID.randomUUID().toString());
        for (int i = 0; i < 5; i++) {
            create(token, "n" + i);
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonPath page = given().auth()
                    .oauth2(token)
                    .queryParam("limit", 2)
                    .queryParam("cursor", cursor == null ? "" : cursor)
                    .get(PATH)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            seen.addAll(page.getList("items.title"));
            cursor = page.getString("next_cursor");
            pages++;
        } while (cursor != null);
        assertThat(seen).containsExactly("n4", "n3", "n2", "n1", "n0");
        assertThat(pages).isEqualTo(3);
        given().auth().oauth2(token).get(PATH + "?cursor=bm9wZQ").then().statusCode(400);
    }

    @Test
    void invalidNotificationsAreProblems() {
        String token = TestTokens.forTenant(UUID.randomUUID().toString());
        createFromBody(token, Map.of("kind", "x"))
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("title"));
        createFromBody(token, Map.of("kind", "x", "title", "t", "severity", "apocalyptic"))
                .then()
                .statusCode(422)
                .body("detail", containsString("severity"));
        createFromBody(
                        token,
                        Map.of(
                                "kind",
                                "x",
                                "title",
                                "t",
                                "expires_at",
                                Instant.now().minusSeconds(60).toString()))
                .then()
                .statusCode(422)
                .body("detail", containsString("expires_at"));
        createFromBody(token, Map.of("kind", "x", "title", "t", "expires_at", "soon"))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("expires_at"));
    }

    private static String create(String token, String title) {
        return createFromBody(token, Map.of("kind", "import.done", "title", title, "details", Map.of("rows", "42")))
                .then()
                .statusCode(201)
                .header("Location", containsString(PATH + "/"))
                .body("severity", equalTo("info"))
                .body("details.rows", equalTo("42"))
                .extract()
                .path("id");
    }

    private static Response createFromBody(String token, Object body) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post(PATH);
    }

    private static List<String> titles(String token, String query) {
        return given().auth()
                .oauth2(token)
                .get(PATH + query)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.title");
    }

    private long rows(String id) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM notifications WHERE id = ?::uuid")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
