package io.penguinmails.campaign.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.penguinmails.campaign.KeyDirResource;
import io.penguinmails.campaign.TestApi;
import io.penguinmails.infra.PenguinTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(
        value = PenguinTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_oltp_test"))
@QuarkusTestResource(KeyDirResource.class)
class LeadResourceTest {

    @Test
    void importCountsImportedDuplicatesAndRejectsAndReportsEachRejectedRow() throws IOException {
        String token = TestApi.issueToken(TestApi.createTenant("Importer"));
        LeadImports.importAndWait(token, "old", "email,first_name,company\nexisting@example.com,Old,Old Co\n");

        JsonPath status = LeadImports.importAndWait(token, "conference", resource("leads/import-with-rejects.csv"));

        assertThat(status.getString("status")).isEqualTo("completed");
        assertThat(status.getInt("total")).isEqualTo(8);
        assertThat(status.getInt("processed")).isEqualTo(8);
        assertThat(status.getInt("imported")).isEqualTo(3);
        assertThat(status.getInt("duplicates")).isEqualTo(1);
        assertThat(status.getInt("rejected")).isEqualTo(4);
        assertThat(status.getString("list")).isEqualTo("conference");

        List<Map<String, Object>> rejects = given().auth()
                .oauth2(token)
                .get("/v1/leads/imports/{id}/rejects", status.getString("id"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("");
        assertThat(rejects).extracting(r -> r.get("row")).containsExactly(2, 3, 4, 5);
        assertThat(rejects)
                .extracting(r -> (String) r.get("reason"))
                .containsExactly(
                        "invalid e-mail syntax: not-an-address",
                        "missing e-mail",
                        "duplicate e-mail in the file (first at row 1)",
                        "invalid time zone id: Mars/Olympus");
        assertThat((String) rejects.get(0).get("raw")).startsWith("not-an-address,Bad,Syntax");
    }

    @Test
    void headersMatchTolerantlyCustomColumnsBecomeCustomFieldsAndFormulasStayText() throws IOException {
        String token = TestApi.issueToken(TestApi.createTenant("Fields"));
        LeadImports.importAndWait(token, "conference", resource("leads/import-with-rejects.csv"));

        Map<String, Object> ada = leadByEmail(token, "conference", "ada@example.com");
        assertThat(ada)
                .containsEntry("first_name", "Ada")
                .containsEntry("last_name", "Lovelace")
                .containsEntry("company", "Analytical Engines")
                .containsEntry("position", "CTO")
                .containsEntry("timezone", "Europe/London");
        assertThat(ada.get("custom_fields")).isEqualTo(Map.of("plan", "pro", "notes", "first"));

        Map<String, Object> linus = leadByEmail(token, "conference", "linus@example.com");
        assertThat(linus.get("company")).isEqualTo("=HYPERLINK(\"http://evil.example\",\"click\")");
        assertThat(linus.get("custom_fields")).isEqualTo(Map.of("plan", "+SUM(1;2)", "notes", "@cmd"));
        Map<String, Object> margaret = leadByEmail(token, "conference", "margaret@example.com");
        assertThat(margaret.get("custom_fields")).isEqualTo(Map.of("plan", "free", "notes", "-2+3"));
    }

    @Test
    void anExistingLeadIsNotDuplicatedKeepsItsValuesGetsBlanksFilledAndJoinsTheList() throws IOException {
        String token = TestApi.issueToken(TestApi.createTenant("Dedup"));
        LeadImports.importAndWait(
                token, "old", "email,first_name,company,plan\nExisting@Example.com,Old,Old Co,basic\n");
        LeadImports.importAndWait(token, "conference", resource("leads/import-with-rejects.csv"));

        Map<String, Object> existing = leadByEmail(token, "conference", "existing@example.com");
        assertThat(existing)
                .containsEntry("first_name", "Old")
                .containsEntry("last_name", "Updated")
                .containsEntry("company", "Old Co");
        assertThat(existing.get("custom_fields")).isEqualTo(Map.of("plan", "basic"));
        assertThat(allLeads(token, null)).hasSize(4);

        given().auth()
                .oauth2(token)
                .get("/v1/lead-lists")
                .then()
                .statusCode(200)
                .body("name", equalTo(List.of("conference", "old")))
                .body("leads", equalTo(List.of(4, 1)));
    }

    @Test
    void columnMappingRoutesColumnsAndIgnoresOthers() {
        String token = TestApi.issueToken(TestApi.createTenant("Mapped"));
        String csv = "Contact,Given,Internal Id\nmapped@example.com,Mia,42\n";
        String id = LeadImports.submit(
                token,
                "mapped",
                csv,
                Map.of("map.Contact", "email", "map.Given", "first_name", "map.Internal Id", "ignore"));
        assertThat(LeadImports.awaitCompleted(token, id).getInt("imported")).isEqualTo(1);

        Map<String, Object> lead = leadByEmail(token, "mapped", "mapped@example.com");
        assertThat(lead).containsEntry("first_name", "Mia");
        assertThat(lead.get("custom_fields")).isEqualTo(Map.of());
    }

    @Test
    void aCsvWithoutAnEmailColumnOrAListIsRefusedAtOnce() {
        String token = TestApi.issueToken(TestApi.createTenant("Refused"));
        given().auth()
                .oauth2(token)
                .contentType("text/csv")
                .queryParam("list", "x")
                .body("name,company\nAda,AE\n")
                .post("/v1/leads/import")
                .then()
                .statusCode(422)
                .contentType(ProblemExceptionMapper.PROBLEM_JSON)
                .body("detail", containsString("e-mail"));
        given().auth()
                .oauth2(token)
                .contentType("text/csv")
                .body("email\na@example.com\n")
                .post("/v1/leads/import")
                .then()
                .statusCode(422)
                .body("detail", containsString("list"));
        given().auth()
                .oauth2(token)
                .contentType("text/csv")
                .queryParam("list", "x")
                .queryParam("map.Nope", "email")
                .body("email\na@example.com\n")
                .post("/v1/leads/import")
                .then()
                .statusCode(422)
                .body("detail", containsString("nope"));
    }

    @Test
    void leadsArePagedByKeysetAndFilteredByList() {
        String token = TestApi.issueToken(TestApi.createTenant("Pager"));
        StringBuilder csv = new StringBuilder("email\n");
        for (int i = 0; i < 7; i++) {
            csv.append("p").append(i).append("@example.com\n");
        }
        LeadImports.importAndWait(token, "seven", csv.toString());
        LeadImports.importAndWait(token, "one", "email\nsolo@example.com\n");

        JsonPath first = page(token, "seven", null, 5);
        assertThat(first.getList("items")).hasSize(5);
        JsonPath second = page(token, "seven", first.getString("next_after"), 5);
        assertThat(second.getList("items")).hasSize(2);
        assertThat(second.getString("next_after")).isNull();
        assertThat(allLeads(token, "seven"))
                .extracting(l -> l.get("email"))
                .doesNotHaveDuplicates()
                .hasSize(7)
                .doesNotContain("solo@example.com");
        given().auth().oauth2(token).get("/v1/leads?list=missing").then().statusCode(404);
    }

    @Test
    void anotherTenantGets404ForLeadsAndImportsAndDeleteRemovesALead() {
        String tokenA = TestApi.issueToken(TestApi.createTenant("Owner A"));
        String tokenB = TestApi.issueToken(TestApi.createTenant("Other B"));
        JsonPath status = LeadImports.importAndWait(tokenA, "mine", "email\nprivate@example.com\n");
        String leadId =
                (String) leadByEmail(tokenA, "mine", "private@example.com").get("id");

        given().auth().oauth2(tokenB).get("/v1/leads/{id}", leadId).then().statusCode(404);
        given().auth().oauth2(tokenB).delete("/v1/leads/{id}", leadId).then().statusCode(404);
        given().auth()
                .oauth2(tokenB)
                .get("/v1/leads/imports/{id}", status.getString("id"))
                .then()
                .statusCode(404)
                .contentType(ProblemExceptionMapper.PROBLEM_JSON);
        given().auth()
                .oauth2(tokenB)
                .get("/v1/leads/imports/{id}/rejects", status.getString("id"))
                .then()
                .statusCode(404);
        given().auth().oauth2(tokenB).get("/v1/leads").then().statusCode(200).body("items", hasSize(0));

        given().auth().oauth2(tokenA).delete("/v1/leads/{id}", leadId).then().statusCode(204);
        given().auth().oauth2(tokenA).get("/v1/leads/{id}", leadId).then().statusCode(404);
    }

    static Map<String, Object> leadByEmail(String token, String list, String email) {
        return allLeads(token, list).stream()
                .filter(lead -> email.equals(lead.get("email")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no lead " + email + " in list " + list));
    }

    static List<Map<String, Object>> allLeads(String token, String list) {
        return page(token, list, null, 500).getList("items");
    }

    private static JsonPath page(String token, String list, String after, int limit) {
        var request = given().auth().oauth2(token).queryParam("limit", limit);
        if (list != null) {
            request.queryParam("list", list);
        }
        if (after != null) {
            request.queryParam("after", after);
        }
        return request.get("/v1/leads").then().statusCode(200).extract().jsonPath();
    }

    static String resource(String path) throws IOException {
        try (InputStream in = LeadResourceTest.class.getClassLoader().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
