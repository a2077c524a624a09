package io.penguinmails.campaign.service.engine;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/** Rows and calls the engine tests build their campaigns from: mailboxes, templates and leads go straight to SQL. */
final class EngineFixtures {

    private final DataSource dataSource;
    private final String token;
    final UUID tenantId;

    EngineFixtures(DataSource dataSource, String tenantId, String token) {
        this.dataSource = dataSource;
        this.tenantId = UUID.fromString(tenantId);
        this.token = token;
    }

    /** A mailbox on a local SMTP server without authentication, created long ago (its ramp is over). */
    UUID mailbox(String email, int port, int dailyLimit) {
        UUID id = UUID.randomUUID();
        update(
                "INSERT INTO email_accounts (id, tenant_id, email, from_name, daily_limit, ramp_start, ramp_step,"
                        + " smtp_host, smtp_port, smtp_security, created) VALUES (?, ?, ?, ?, ?, ?, 5, '127.0.0.1', ?,"
                        + " 'none', ?)",
                id,
                tenantId,
                email,
                "Sender " + email,
                dailyLimit,
                dailyLimit,
                port,
                LocalDate.of(2020, 1, 1).atStartOfDay().atOffset(java.time.ZoneOffset.UTC));
        return id;
    }

    UUID template(String subject, String html, String text) {
        UUID id = UUID.randomUUID();
        update(
                "INSERT INTO templates (id, tenant_id, name, subject, html, text) VALUES (?, ?, ?, ?, ?, ?)",
                id,
                tenantId,
                "t-" + id,
                subject,
                html,
                text);
        return id;
    }

    /** A lead in the named list (created when missing). */
    UUID lead(String list, String email, String firstName, String timezone) {
        UUID listId = UUID.randomUUID();
        update(
                "INSERT INTO lead_lists (id, tenant_id, name) VALUES (?, ?, ?) ON CONFLICT (tenant_id, name) DO NOTHING",
                listId,
                tenantId,
                list);
        UUID id = UUID.randomUUID();
        update(
                "INSERT INTO leads (id, tenant_id, email, first_name, timezone) VALUES (?, ?, ?, ?, ?)",
                id,
                tenantId,
                email,
                firstName,
                timezone);
        update(
                "INSERT INTO lead_list_members (tenant_id, list_id, lead_id)"
                        + " SELECT ?, id, ? FROM lead_lists WHERE tenant_id = ? AND name = ?",
                tenantId,
                id,
                tenantId,
                list);
        return id;
    }

    /** Creates a campaign over the API and returns its id. */
    String campaign(Map<String, Object> body) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/campaigns")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** Enrolls a list and returns the answer's fields. */
    Map<String, Object> enroll(String campaignId, String list) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("list", list))
                .post("/v1/campaigns/{id}/enroll", campaignId)
                .then()
                .statusCode(200)
                .extract()
                .as(Map.class);
    }

    void start(String campaignId) {
        given().auth()
                .oauth2(token)
                .post("/v1/campaigns/{id}/start", campaignId)
                .then()
                .statusCode(200);
    }

    String status(String campaignId) {
        return given().auth()
                .oauth2(token)
                .get("/v1/campaigns/{id}", campaignId)
                .then()
                .statusCode(200)
                .extract()
                .path("status");
    }

    static Map<String, Object> email(UUID templateId) {
        return Map.of("type", "email", "template_id", templateId.toString());
    }

    static Map<String, Object> window(List<Integer> days, String start, String end) {
        return Map.of("days", days, "start", start, "end", end);
    }

    void update(String sql, Object... params) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
