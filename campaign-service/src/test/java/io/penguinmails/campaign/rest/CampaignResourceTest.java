package io.penguinmails.campaign.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.penguinmails.campaign.ControlledClock;
import io.penguinmails.campaign.KeyDirResource;
import io.penguinmails.campaign.TestApi;
import io.penguinmails.campaign.service.engine.SequenceEngine;
import io.penguinmails.infra.PenguinTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@QuarkusTestResource(
        value = PenguinTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_oltp_test"))
@QuarkusTestResource(KeyDirResource.class)
class CampaignResourceTest {

    @Inject
    DataSource dataSource;

    @Inject
    SequenceEngine engine;

    @Inject
    ControlledClock clock;

    private String tenant;
    private String token;
    private UUID mailbox;
    private UUID template;

    @BeforeEach
    void tenantWithAMailboxAndATemplate() throws Exception {
        tenant = TestApi.createTenant("Campaigns " + UUID.randomUUID());
        token = TestApi.issueToken(tenant);
        mailbox = insertMailbox(tenant);
        template = insertTemplate(tenant);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void createdCampaignReadsBackWithItsStepsAndStatus() {
        String id = create(body(List.of(
                        email(template),
                        Map.of("type", "wait", "hours", 48),
                        Map.of("type", "condition", "condition", "no_open"),
                        Map.of("type", "email", "template_id", template.toString(), "subject_override", "Bump"),
                        Map.of("type", "wait", "until", "2027-01-04"))))
                .statusCode(201)
                .extract()
                .path("id");

        given().auth()
                .oauth2(token)
                .get("/v1/campaigns/{id}", id)
                .then()
                .statusCode(200)
                .body("status", equalTo("draft"))
                .body("timezone", equalTo("Europe/Berlin"))
                .body("sending_window.days", equalTo(List.of(1, 2, 3, 4, 5)))
                .body("sending_window.start", equalTo("09:00"))
                .body("email_account_ids", equalTo(List.of(mailbox.toString())))
                .body("steps", hasSize(5))
                .body("steps[1].minutes", equalTo(2880))
                .body("steps[2].condition", equalTo("no_open"))
                .body("steps[3].subject_override", equalTo("Bump"))
                .body("steps[4].until", equalTo("2027-01-03T23:00:00Z"))
                .body("bounce_shield.threshold", equalTo(0.05f))
                .body("bounce_shield.window", equalTo(100))
                .body("bounce_shield.min_sample", equalTo(20))
                .body("ooo_pause_days", equalTo(7));
        given().auth().oauth2(token).get("/v1/campaigns").then().statusCode(200).body("id", equalTo(List.of(id)));
    }

    @Test
    void engagementRulesAreSetOnCreateChangedByPatchAndCheckedAsProblems() throws Exception {
        Map<String, Object> custom = new HashMap<>(body(List.of(email(template))));
        custom.put("bounce_shield", Map.of("threshold", 0.025));
        custom.put("ooo_pause_days", 3);
        String id = create(custom).statusCode(201).extract().path("id");
        given().auth()
                .oauth2(token)
                .get("/v1/campaigns/{id}", id)
                .then()
                .body("bounce_shield.threshold", equalTo(0.025f))
                .body("ooo_pause_days", equalTo(3));

        patch(id, Map.of("ooo_pause_days", 14))
                .statusCode(200)
                .body("bounce_shield.threshold", equalTo(0.025f))
                .body("ooo_pause_days", equalTo(14));
        patch(id, Map.of("bounce_shield", Map.of("threshold", 0.1)))
                .statusCode(200)
                .body("bounce_shield.threshold", equalTo(0.1f))
                .body("ooo_pause_days", equalTo(14));
        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("ooo_pause_days", 0),
                Map.of("ooo_pause_days", 91),
                Map.of("bounce_shield", Map.of("threshold", 1.5)),
                Map.of("bounce_shield", Map.of("threshold", -0.01)),
                Map.of("bounce_shield", Map.of("threshold", 0.00001)),
                Map.of("bounce_shield", Map.of("threshold", "five percent")))) {
            assertProblem(patch(id, bad), 400);
        }
        given().auth().oauth2(token).get("/v1/campaigns/{id}", id).then().body("ooo_pause_days", equalTo(14));
        assertThat(auditActions(id)).contains("campaign.settings_updated");

        String stranger = TestApi.issueToken(TestApi.createTenant("Stranger " + UUID.randomUUID()));
        assertProblem(
                given().auth()
                        .oauth2(stranger)
                        .contentType(ContentType.JSON)
                        .body(Map.of("ooo_pause_days", 2))
                        .patch("/v1/campaigns/{id}", id)
                        .then(),
                404);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}",
                "{\"name\": \"x\", \"steps\": []}",
                "{\"name\": \"x\", \"steps\": [{\"type\": \"wait\", \"hours\": 1}]}",
                "{\"name\": \"x\", \"steps\": [{\"type\": \"email\"}]}",
                "{\"name\": \"x\", \"steps\": [{\"type\": \"sms\"}]}",
                "{\"name\": \"x\", \"timezone\": \"Mars/Olympus\", \"steps\": [EMAIL]}",
                "{\"name\": \"x\", \"sending_window\": {\"days\": [0]}, \"steps\": [EMAIL]}",
                "{\"name\": \"x\", \"sending_window\": {\"start\": \"18:00\", \"end\": \"09:00\"}, \"steps\": [EMAIL]}",
                "{\"name\": \"x\", \"steps\": [EMAIL, {\"type\": \"wait\", \"hours\": 1, \"minutes\": 5}]}",
                "{\"name\": \"x\", \"steps\": [EMAIL, {\"type\": \"wait\", \"minutes\": -5}]}",
                "{\"name\": \"x\", \"steps\": [EMAIL, {\"type\": \"condition\", \"condition\": \"no_reply\"}]}",
                "{\"name\": \"x\", \"steps\": [{\"type\": \"condition\", \"condition\": \"maybe\"}, EMAIL]}",
                "{\"name\": \"x\", \"spacing\": {\"min_seconds\": 10, \"max_seconds\": 5}, \"steps\": [EMAIL]}",
                "{\"name\": \"x\", \"bounce_shield\": {\"threshold\": 5}, \"steps\": [EMAIL]}",
                "{\"name\": \"x\", \"bounce_shield\": {\"threshold\": \"5%\"}, \"steps\": [EMAIL]}",
                "{\"name\": \"x\", \"ooo_pause_days\": -1, \"steps\": [EMAIL]}"
            })
    void malformedCampaignsAre400(String json) {
        String body = json.replace("EMAIL", "{\"type\": \"email\", \"template_id\": \"" + template + "\"}");
        if (!body.contains("email_account_ids")) {
            body = body.replaceFirst("\\{", "{\"email_account_ids\": [\"" + mailbox + "\"], ");
        }
        assertProblem(
                given().auth()
                        .oauth2(token)
                        .contentType(ContentType.JSON)
                        .body(body)
                        .post("/v1/campaigns")
                        .then(),
                400);
    }

    @Test
    void anotherTenantsMailboxOrTemplateIs422AndItsCampaignsAre404() throws Exception {
        String stranger = TestApi.createTenant("Stranger " + UUID.randomUUID());
        UUID foreignMailbox = insertMailbox(stranger);
        UUID foreignTemplate = insertTemplate(stranger);

        Map<String, Object> foreignBox = new HashMap<>(body(List.of(email(template))));
        foreignBox.put("email_account_ids", List.of(foreignMailbox));
        assertProblem(create(foreignBox), 422);
        assertProblem(create(body(List.of(email(foreignTemplate)))), 422);

        String id = create(body(List.of(email(template)))).extract().path("id");
        String strangerToken = TestApi.issueToken(stranger);
        assertProblem(
                given().auth()
                        .oauth2(strangerToken)
                        .get("/v1/campaigns/{id}", id)
                        .then(),
                404);
        assertProblem(
                given().auth()
                        .oauth2(strangerToken)
                        .post("/v1/campaigns/{id}/start", id)
                        .then(),
                404);
        assertProblem(
                given().auth()
                        .oauth2(strangerToken)
                        .contentType(ContentType.JSON)
                        .body(Map.of("lead_ids", List.of(UUID.randomUUID())))
                        .post("/v1/campaigns/{id}/enroll", id)
                        .then(),
                404);
        given().auth().oauth2(strangerToken).get("/v1/campaigns").then().body("$", hasSize(0));
        assertProblem(given().get("/v1/campaigns").then(), 401);
    }

    @Test
    void transitionsFollowTheStateMachineAndInvalidOnesAre409() throws Exception {
        String id = create(body(List.of(email(template)))).extract().path("id");
        assertProblem(action(id, "pause"), 409);
        assertProblem(action(id, "resume"), 409);
        assertProblem(action(id, "start"), 409); // nobody enrolled yet

        UUID lead = insertLead(tenant, "someone@example.org");
        enrollIds(id, List.of(lead)).statusCode(200).body("enrolled", equalTo(1));
        enrollIds(id, List.of(lead))
                .statusCode(200)
                .body("enrolled", equalTo(0))
                .body("already_enrolled", equalTo(1));
        action(id, "start").statusCode(200).body("status", equalTo("scheduled"));
        assertProblem(action(id, "start"), 409);
        action(id, "pause").statusCode(200).body("status", equalTo("paused"));
        action(id, "resume").statusCode(200).body("status", equalTo("scheduled"));
        engine.runPass();
        given().auth()
                .oauth2(token)
                .get("/v1/campaigns/{id}", id)
                .then()
                .body("status", equalTo("sending"))
                .body("enrollments.active", equalTo(1));
        action(id, "pause").statusCode(200).body("status", equalTo("paused"));
        action(id, "resume").statusCode(200).body("status", equalTo("sending"));
        assertThat(auditActions(id))
                .containsSubsequence(
                        "campaign.created",
                        "campaign.scheduled",
                        "campaign.paused",
                        "campaign.resumed",
                        "campaign.sending",
                        "campaign.paused",
                        "campaign.resumed");
    }

    @Test
    void suppressedLeadsAreReportedNotEnrolledAndUnknownOnesAre422() throws Exception {
        String id = create(body(List.of(email(template)))).extract().path("id");
        UUID fine = insertLead(tenant, "fine@example.org");
        UUID blocked = insertLead(tenant, "blocked@example.org");
        execute(
                "INSERT INTO suppressions (tenant_id, email, reason) VALUES (?, ?, 'manual')",
                UUID.fromString(tenant),
                "blocked@example.org");

        enrollIds(id, List.of(fine, blocked))
                .statusCode(200)
                .body("enrolled", equalTo(1))
                .body("suppressed", equalTo(1))
                .body("suppressed_emails", equalTo(List.of("blocked@example.org")));
        assertProblem(enrollIds(id, List.of(UUID.randomUUID())), 422);
        assertProblem(
                given().auth()
                        .oauth2(token)
                        .contentType(ContentType.JSON)
                        .body(Map.of("list", "no such list"))
                        .post("/v1/campaigns/{id}/enroll", id)
                        .then(),
                404);
        assertProblem(
                given().auth()
                        .oauth2(token)
                        .contentType(ContentType.JSON)
                        .body(Map.of())
                        .post("/v1/campaigns/{id}/enroll", id)
                        .then(),
                400);
    }

    @Test
    void reachedStepsCannotBeRemovedOrChangedButLaterOnesCan() throws Exception {
        // A Wednesday noon in Berlin: inside the default window, so the first email goes out and the wait is reached.
        clock.set(Instant.parse("2026-12-02T11:00:00Z"));
        List<Map<String, Object>> steps = List.of(
                email(template),
                Map.of("type", "wait", "hours", 24),
                email(template),
                Map.of("type", "wait", "hours", 24),
                email(template));
        Map<String, Object> campaign = new HashMap<>(body(steps));
        campaign.put("spacing", Map.of("min_seconds", 0, "max_seconds", 0));
        String id = create(campaign).extract().path("id");
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("steps", List.of(email(template))))
                .put("/v1/campaigns/{id}/steps", id)
                .then()
                .statusCode(200)
                .body("steps", hasSize(1));
        putSteps(id, steps).statusCode(200);
        enrollIds(id, List.of(insertLead(tenant, "reached@example.org"))).statusCode(200);
        action(id, "start").statusCode(200);
        // The SMTP port is closed: the send fails transiently, but the lead has reached step 1 either way; set it to
        // step 3 as if two steps had run.
        engine.runPass();
        execute("UPDATE campaign_enrollments SET current_step_order = 3 WHERE campaign_id = ?", UUID.fromString(id));

        assertProblem(putSteps(id, steps.subList(0, 2)), 409);
        assertProblem(putSteps(id, List.of(steps.get(1), steps.get(0), steps.get(2))), 409);
        assertProblem(putSteps(id, List.of(steps.get(0), Map.of("type", "wait", "hours", 12), steps.get(2))), 409);
        putSteps(
                        id,
                        List.of(
                                steps.get(0),
                                steps.get(1),
                                steps.get(2),
                                Map.of("type", "wait", "hours", 72),
                                Map.of("type", "condition", "condition", "no_reply"),
                                email(template)))
                .statusCode(200)
                .body("steps", hasSize(6))
                .body("steps[3].minutes", equalTo(72 * 60));
    }

    @Test
    void aSubjectOverrideNoLeadCouldFillOrAPlaceholderInAFromNameIs422NamingIt() throws Exception {
        Map<String, Object> unknown =
                Map.of("type", "email", "template_id", template.toString(), "subject_override", "For {{shoe_size}}");
        create(body(List.of(unknown)))
                .statusCode(422)
                .contentType(ProblemExceptionMapper.PROBLEM_JSON)
                .body("detail", containsString("steps[0].subject_override"))
                .body("detail", containsString("shoe_size"));
        Map<String, Object> fromName =
                Map.of("type", "email", "template_id", template.toString(), "from_name_override", "{{first_name}}");
        create(body(List.of(email(template), fromName)))
                .statusCode(422)
                .body("detail", containsString("steps[1].from_name_override"));

        String id = create(body(List.of(email(template)))).extract().path("id");
        putSteps(id, List.of(email(template), unknown))
                .statusCode(422)
                .contentType(ProblemExceptionMapper.PROBLEM_JSON)
                .body("detail", containsString("steps[1].subject_override"))
                .body("detail", containsString("shoe_size"));
        Map<String, Object> fine = Map.of(
                "type",
                "email",
                "template_id",
                template.toString(),
                "subject_override",
                "{{first_name}}: {{shoe_size|hi}}");
        putSteps(id, List.of(email(template), fine)).statusCode(200).body("steps", hasSize(2));
    }

    @Test
    void leadsWithoutAValueTheEmailsNeedAreReportedNotEnrolled() throws Exception {
        UUID personal = UUID.randomUUID();
        execute(
                "INSERT INTO templates (id, tenant_id, name, subject, html) VALUES (?, ?, 'P', 'Hi {{first_name}}',"
                        + " '<p>Hello {{first_name|there}} at {{company|your company}}</p>')",
                personal,
                UUID.fromString(tenant));
        String id = create(body(List.of(Map.of(
                        "type", "email", "template_id", personal.toString(), "subject_override", "{{first_name}}?"))))
                .extract()
                .path("id");
        UUID ada = insertLead(tenant, "ada@example.org", "Ada", "{}");
        UUID nameless = insertLead(tenant, "nameless@example.org", null, "{}");
        UUID blank = insertLead(tenant, "blank@example.org", "  ", "{}");
        // A blank known field falls back to a custom field of that name, as the renderer does.
        UUID custom = insertLead(tenant, "custom@example.org", null, "{\"First_Name\": \"Grace\"}");

        enrollIds(id, List.of(ada, nameless, blank, custom))
                .statusCode(200)
                .body("enrolled", equalTo(2))
                .body("already_enrolled", equalTo(0))
                .body("missing_values", equalTo(2))
                .body("missing_values_leads.email", equalTo(List.of("blank@example.org", "nameless@example.org")))
                .body("missing_values_leads[1].lead_id", equalTo(nameless.toString()))
                .body("missing_values_leads[1].variables", equalTo(List.of("first_name")));

        execute("UPDATE leads SET first_name = 'Nora' WHERE id = ?", nameless);
        enrollIds(id, List.of(ada, nameless, blank, custom))
                .statusCode(200)
                .body("enrolled", equalTo(1))
                .body("already_enrolled", equalTo(2))
                .body("missing_values", equalTo(1))
                .body("missing_values_leads.email", equalTo(List.of("blank@example.org")));
    }

    @Test
    void stepsHaveNoUnusedIsActiveColumn() throws Exception {
        // V5 dropped it: nothing read it, and a step is live exactly while its row exists.
        String sql = "SELECT count(*) FROM information_schema.columns WHERE table_schema = current_schema()"
                + " AND table_name = 'campaign_sequence_steps' AND column_name IN ('is_active', 'step_order')";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql);
                ResultSet rs = select.executeQuery()) {
            rs.next();
            assertThat(rs.getInt(1)).as("step_order is there, is_active is not").isEqualTo(1);
        }
    }

    private ValidatableResponse putSteps(String id, List<Map<String, Object>> steps) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("steps", steps))
                .put("/v1/campaigns/{id}/steps", id)
                .then();
    }

    private ValidatableResponse create(Map<String, Object> body) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/campaigns")
                .then();
    }

    private ValidatableResponse action(String id, String action) {
        return given().auth()
                .oauth2(token)
                .post("/v1/campaigns/{id}/" + action, id)
                .then();
    }

    private ValidatableResponse patch(String id, Map<String, Object> body) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .patch("/v1/campaigns/{id}", id)
                .then();
    }

    private ValidatableResponse enrollIds(String id, List<UUID> leads) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("lead_ids", leads))
                .post("/v1/campaigns/{id}/enroll", id)
                .then();
    }

    private Map<String, Object> body(List<Map<String, Object>> steps) {
        return Map.of(
                "name",
                "Outreach",
                "email_account_ids",
                List.of(mailbox),
                "timezone",
                "Europe/Berlin",
                "tracking",
                Map.of("opens", true, "clicks", false),
                "steps",
                steps);
    }

    private static Map<String, Object> email(UUID templateId) {
        return Map.of("type", "email", "template_id", templateId.toString());
    }

    private UUID insertMailbox(String tenantId) throws Exception {
        UUID id = UUID.randomUUID();
        // Port 1 is closed: these tests never need a delivered mail.
        execute(
                "INSERT INTO email_accounts (id, tenant_id, email, smtp_host, smtp_port, smtp_security)"
                        + " VALUES (?, ?, ?, '127.0.0.1', 1, 'none')",
                id,
                UUID.fromString(tenantId),
                "box-" + id + "@example.com");
        return id;
    }

    private UUID insertTemplate(String tenantId) throws Exception {
        UUID id = UUID.randomUUID();
        execute(
                "INSERT INTO templates (id, tenant_id, name, subject, html) VALUES (?, ?, 'T', 'Hi', '<p>Hi</p>')",
                id,
                UUID.fromString(tenantId));
        return id;
    }

    private UUID insertLead(String tenantId, String email, String firstName, String customFields) throws Exception {
        UUID id = UUID.randomUUID();
        execute(
                "INSERT INTO leads (id, tenant_id, email, first_name, custom_fields) VALUES (?, ?, ?, ?, ?::jsonb)",
                id,
                UUID.fromString(tenantId),
                email,
                firstName,
                customFields);
        return id;
    }

    private UUID insertLead(String tenantId, String email) throws Exception {
        UUID id = UUID.randomUUID();
        execute("INSERT INTO leads (id, tenant_id, email) VALUES (?, ?, ?)", id, UUID.fromString(tenantId), email);
        return id;
    }

    private List<String> auditActions(String campaignId) throws Exception {
        String sql = "SELECT body::json->>'action' FROM outbox WHERE topic = 'audit.events'"
                + " AND body::json->>'subject_id' = ? ORDER BY created, body::json->>'occurred_at'";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, campaignId);
            try (ResultSet rs = select.executeQuery()) {
                List<String> actions = new java.util.ArrayList<>();
                while (rs.next()) {
                    actions.add(rs.getString(1));
                }
                return actions;
            }
        }
    }

    private void execute(String sql, Object... params) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.executeUpdate();
        }
    }

    private static void assertProblem(ValidatableResponse response, int status) {
        response.statusCode(status)
                .contentType(ProblemExceptionMapper.PROBLEM_JSON)
                .body("status", equalTo(status));
    }
}
