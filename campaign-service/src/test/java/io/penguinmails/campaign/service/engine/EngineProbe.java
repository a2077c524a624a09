package io.penguinmails.campaign.service.engine;

import static io.restassured.RestAssured.given;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;

/** Reads what the engine wrote (enrollments, mailbox usage and spacing, outbox rows) and drives its passes. */
final class EngineProbe {

    private final DataSource dataSource;
    private final SequenceEngine engine;

    EngineProbe(DataSource dataSource, SequenceEngine engine) {
        this.dataSource = dataSource;
        this.engine = engine;
    }

    /** An enrollment's engine columns. */
    record Enrollment(String status, int attempts, Instant nextRunAt, String lastError, Instant finishedAt) {}

    /**
     * Runs passes at the current clock until one does nothing. A pass whose sends all failed reports nothing done, so
     * a few more passes run after it to let the leads it put back go again.
     */
    void drain() {
        for (int idle = 0, i = 0; idle < 3 && i < 100; i++) {
            idle = engine.runPass() > 0 ? 0 : idle + 1;
        }
    }

    Enrollment enrollment(String campaignId, String leadEmail) {
        String sql =
                "SELECT e.status, e.attempts, e.next_run_at, e.last_error, e.finished_at FROM campaign_enrollments e"
                        + " JOIN leads l ON l.id = e.lead_id WHERE e.campaign_id = ? AND l.email = ?";
        return query(
                        sql,
                        rs -> new Enrollment(
                                rs.getString(1), rs.getInt(2), instant(rs, 3), rs.getString(4), instant(rs, 5)),
                        UUID.fromString(campaignId),
                        leadEmail)
                .get(0);
    }

    /** The campaign's enrollment statuses, one per lead. */
    List<String> statuses(String campaignId) {
        return query(
                "SELECT status FROM campaign_enrollments WHERE campaign_id = ? ORDER BY status",
                rs -> rs.getString(1),
                UUID.fromString(campaignId));
    }

    /** The Message-IDs of the campaign's outbound mails, as recorded for matching replies. */
    List<String> outboundMessageIds(String campaignId) {
        return query(
                "SELECT message_id FROM inbox_message_refs WHERE campaign_id = ? AND direction = 'outbound'",
                rs -> rs.getString(1),
                UUID.fromString(campaignId));
    }

    /** When the campaign's next active enrollment is due; null when none is active. */
    Instant nextDue(String campaignId) {
        return query(
                        "SELECT min(next_run_at) FROM campaign_enrollments WHERE campaign_id = ? AND status = 'active'",
                        rs -> instant(rs, 1),
                        UUID.fromString(campaignId))
                .get(0);
    }

    /** Sends counted for the mailbox on the UTC day (0 when none). */
    int usage(UUID mailboxId, LocalDate day) {
        List<Integer> sent = query(
                "SELECT sent FROM mailbox_daily_usage WHERE email_account_id = ? AND day = ?",
                rs -> rs.getInt(1),
                mailboxId,
                day);
        return sent.isEmpty() ? 0 : sent.get(0);
    }

    Instant nextSendAt(UUID mailboxId) {
        return query("SELECT next_send_at FROM email_accounts WHERE id = ?", rs -> instant(rs, 1), mailboxId)
                .get(0);
    }

    /** The bodies of the outbox rows of a topic with that key, oldest first. */
    List<String> outbox(String topic, String key) {
        return query(
                "SELECT body FROM outbox WHERE topic = ? AND record_key = ? ORDER BY created",
                rs -> rs.getString(1),
                topic,
                key);
    }

    /** Pauses a campaign so later tests' passes leave its waiting leads alone. */
    static void pause(String token, String campaignId) {
        given().auth()
                .oauth2(token)
                .post("/v1/campaigns/{id}/pause", campaignId)
                .then()
                .statusCode(200);
    }

    /** A message as a mail client reads it from the raw text the server received. */
    static MimeMessage parse(String raw) throws Exception {
        return new MimeMessage(
                Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Row<T> row, Object... params) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                select.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = select.executeQuery()) {
                List<T> found = new ArrayList<>();
                while (rs.next()) {
                    found.add(row.read(rs));
                }
                return found;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
