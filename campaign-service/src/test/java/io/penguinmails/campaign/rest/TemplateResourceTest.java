package io.penguinmails.campaign.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.penguinmails.campaign.KeyDirResource;
import io.penguinmails.campaign.TestApi;
import io.penguinmails.infra.PenguinTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(
        value = PenguinTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_oltp_test"))
@QuarkusTestResource(KeyDirResource.class)
class TemplateResourceTest {

    @Test
    void aTemplateWithUnknownVariablesWithoutFallbackIsRefusedNamingThem() {
        String token = TestApi.issueToken(TestApi.createTenant("Writer"));
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(template("Hi {{first_name}}", "<p>{{favourite_colour}} and {{shoe_size}}</p>", null))
                .post("/v1/templates")
                .then()
                .statusCode(422)
                .contentType(ProblemExceptionMapper.PROBLEM_JSON)
                .body("detail", containsString("favourite_colour, shoe_size"))
                .body("detail", not(containsString("first_name")));

        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(template("Hi {{first_name|there}}", null, "{{favourite_colour|your colour}}"))
                .post("/v1/templates")
                .then()
                .statusCode(201);
    }

    @Test
    void aVariableUsedOnceWithoutFallbackIsRefusedEvenWhenAnotherUseHasOne() {
        String token = TestApi.issueToken(TestApi.createTenant("Mixed uses"));
        // The renderer stops at the first use without fallback, so a fallback further on does not make it safe.
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(template("Your {{shoe_size}} order", "<p>Size {{shoe_size|unknown}}</p>", null))
                .post("/v1/templates")
                .then()
                .statusCode(422)
                .contentType(ProblemExceptionMapper.PROBLEM_JSON)
                .body("detail", containsString("shoe_size"));
    }

    @Test
    void aCustomFieldSomeLeadHasMayBeUsedWithoutFallback() {
        String token = TestApi.issueToken(TestApi.createTenant("Custom"));
        String body = "<p>Your plan: {{plan}}</p>";
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(template("Plan", body, null))
                .post("/v1/templates")
                .then()
                .statusCode(422)
                .body("detail", containsString("plan"));
        LeadImports.importAndWait(token, "plans", "email,Plan\nplan@example.com,gold\n");

        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(template("Plan", body, null))
                .post("/v1/templates")
                .then()
                .statusCode(201);
    }

    @Test
    void previewRendersForALeadEscapingHtmlValuesAndApplyingFallbacks() {
        String token = TestApi.issueToken(TestApi.createTenant("Previewer"));
        LeadImports.importAndWait(
                token, "preview", "email,first_name,company\nada@example.com,Ada,\"<b>Engines & Co</b>\"\n");
        String leadId = (String) LeadResourceTest.leadByEmail(token, "preview", "ada@example.com")
                .get("id");
        String id = given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(template(
                        "Hello {{first_name}} at {{company}}",
                        "<p>Hi {{ first_name }}, {{company}} / {{position|friend}}</p>",
                        "Hi {{first_name}} of {{company}}"))
                .post("/v1/templates")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("lead_id", leadId))
                .post("/v1/templates/{id}/preview", id)
                .then()
                .statusCode(200)
                .body("subject", equalTo("Hello Ada at <b>Engines & Co</b>"))
                .body("html", equalTo("<p>Hi Ada, &lt;b&gt;Engines &amp; Co&lt;/b&gt; / friend</p>"))
                .body("text", equalTo("Hi Ada of <b>Engines & Co</b>"));
        given().auth()
                .oauth2(token)
                .get("/v1/templates/{id}", id)
                .then()
                .statusCode(200)
                .body("variables", equalTo(List.of("first_name", "company", "position")));
    }

    @Test
    void templatesHaveCrudAndAnotherTenantGets404() {
        String token = TestApi.issueToken(TestApi.createTenant("Owner"));
        String other = TestApi.issueToken(TestApi.createTenant("Intruder"));
        String id = given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(template("One", null, "text"))
                .post("/v1/templates")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(template("Two {{email}}", "<p>two</p>", null))
                .put("/v1/templates/{id}", id)
                .then()
                .statusCode(200)
                .body("subject", equalTo("Two {{email}}"));
        given().auth().oauth2(other).get("/v1/templates/{id}", id).then().statusCode(404);
        given().auth()
                .oauth2(other)
                .contentType(ContentType.JSON)
                .body(template("Hijack", null, "x"))
                .put("/v1/templates/{id}", id)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(other)
                .contentType(ContentType.JSON)
                .body(Map.of("lead_id", "00000000-0000-0000-0000-000000000001"))
                .post("/v1/templates/{id}/preview", id)
                .then()
                .statusCode(404);
        given().auth().oauth2(other).delete("/v1/templates/{id}", id).then().statusCode(404);
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "x", "subject", "s"))
                .post("/v1/templates")
                .then()
                .statusCode(422)
                .body("detail", containsString("html or text"));
        given().auth().oauth2(token).delete("/v1/templates/{id}", id).then().statusCode(204);
        given().auth().oauth2(token).get("/v1/templates/{id}", id).then().statusCode(404);
    }

    private static Map<String, Object> template(String subject, String html, String text) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("name", "Welcome");
        body.put("subject", subject);
        body.put("html", html);
        body.put("text", text);
        return body;
    }
}
