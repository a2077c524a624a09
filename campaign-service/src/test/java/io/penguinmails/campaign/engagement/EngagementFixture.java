package io.penguinmails.campaign.engagement;

import io.penguinmails.campaign.TestApi;
import io.penguinmails.contracts.StorageKeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Campaign state for the engagement tests, written with SQL: a fresh tenant with one mailbox and one campaign of three
 * steps (email, wait, email), and leads whose first email was sent. Enrollments are due a month from now, so the
 * sequence engine leaves them alone while a test runs.
 */
final class EngagementFixture {

    final DataSource dataSource;
    final UUID tenantId;
    final UUID mailboxId = UUID.randomUUID();
    final UUID campaignId = UUID.randomUUID();
    final UUID firstStepId = UUID.randomUUID();
    final UUID followUpStepId = UUID.randomUUID();

    /** One enrolled lead and the first email sent to it. */
    record Lead(UUID id, UUID enrollmentId, String email, String messageId, String storageKey) {}

    private EngagementFixture(DataSource dataSource, UUID tenantId) {
        this.dataSource = dataSource;
        this.tenantId = tenantId;
    }

    /** A new tenant with a campaign in {@code status} that tracks opens and clicks. */
    static EngagementFixture create(DataSource dataSource, String status) {
        EngagementFixture fixture = new EngagementFixture(
                dataSource, UUID.fromString(TestApi.createTenant("Engagement " + UUID.randomUUID())));
        fixture.exec(
                "INSERT INTO email_accounts (id, tenant_id, email, smtp_host, smtp_port) VALUES (?, ?, ?, 'localhost', 2525)",
                fixture.mailboxId,
                fixture.tenantId,
                "sam@acme.example");
        fixture.exec(
                "INSERT INTO campaigns (id, tenant_id, name, status, track_opens, track_clicks) VALUES (?, ?, ?, ?, TRUE, TRUE)",
                fixture.campaignId,
                fixture.tenantId,
                "Q4 outreach",
                status);
        fixture.step(fixture.firstStepId, 1, "email");
        fixture.step(UUID.randomUUID(), 2, "wait");
        fixture.step(fixture.followUpStepId, 3, "email");
        return fixture;
    }

    /** Enrolls a new lead whose first email went out with {@code messageId}; it now waits for step 3. */
    Lead lead(String email, String messageId) {
        UUID leadId = UUID.randomUUID();
        UUID enrollmentId = UUID.randomUUID();
        exec("INSERT INTO leads (id, tenant_id, email, first_name) VALUES (?, ?, ?, 'Lead')", leadId, tenantId, email);
        exec(
                "INSERT INTO campaign_enrollments (id, tenant_id, campaign_id, lead_id, status, current_step_order,"
                        + " next_run_at, email_account_id, last_sent_at, last_message_id)"
                        + " VALUES (?, ?, ?, ?, 'active', 3, now() + interval '30 days', ?, now(), ?)",
                enrollmentId,
                tenantId,
                campaignId,
                leadId,
                mailboxId,
                messageId);
        String storageKey = StorageKeys.forMessageId(tenantId.toString(), mailboxId.toString(), messageId);
        exec(
                "INSERT INTO inbox_message_refs (id, tenant_id, email_account_id, campaign_id, step_id, lead_id,"
                        + " enrollment_id, direction, message_type, message_id, content_storage_key, subject, occurred_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, 'outbound', 'email', ?, ?, 'Quick question', now())",
                UUID.randomUUID(),
                tenantId,
                mailboxId,
                campaignId,
                firstStepId,
                leadId,
                enrollmentId,
                messageId,
                storageKey);
        return new Lead(leadId, enrollmentId, email, messageId, storageKey);
    }

    String status(Lead lead) {
        return text("SELECT status FROM campaign_enrollments WHERE id = ?", lead.enrollmentId());
    }

    Instant instant(Lead lead, String column) {
        OffsetDateTime value = one(
                "SELECT " + column + " FROM campaign_enrollments WHERE id = ?",
                lead.enrollmentId(),
                OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    int stepOrder(Lead lead) {
        return one(
                "SELECT current_step_order FROM campaign_enrollments WHERE id = ?", lead.enrollmentId(), Integer.class);
    }

    String suppression(String email) {
        return text("SELECT reason FROM suppressions WHERE tenant_id = ? AND email = ?", tenantId, email);
    }

    String campaignStatus() {
        return text("SELECT status FROM campaigns WHERE id = ?", campaignId);
    }

    String pausedReason() {
        return text("SELECT paused_reason FROM campaigns WHERE id = ?", campaignId);
    }

    /** A count of the tenant's rows: {@code sql} takes the tenant id as its first parameter. */
    long count(String sql, Object... more) {
        Object[] parameters = new Object[more.length + 1];
        parameters[0] = tenantId;
        System.arraycopy(more, 0, parameters, 1, more.length);
        return one(sql, parameters, Long.class);
    }

    /** The analytics events of one type the tenant queued in the outbox. */
    long queuedAnalytics(String eventType) {
        return count(
                "SELECT count(*) FROM outbox WHERE tenant_id = ? AND topic = 'analytics.events'"
                        + " AND body::jsonb ->> 'event_type' = ?",
                eventType);
    }

    void exec(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void step(UUID id, int order, String type) {
        exec(
                "INSERT INTO campaign_sequence_steps (id, tenant_id, campaign_id, step_order, step_type,"
                        + " wait_duration_minutes) VALUES (?, ?, ?, ?, ?, ?)",
                id,
                tenantId,
                campaignId,
                order,
                type,
                "wait".equals(type) ? 60 : null);
    }

    private String text(String sql, Object... parameters) {
        return one(sql, parameters, String.class);
    }

    private <T> T one(String sql, Object parameter, Class<T> type) {
        return one(sql, new Object[] {parameter}, type);
    }

    private <T> T one(String sql, Object[] parameters, Class<T> type) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getObject(1, type) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void bind(PreparedStatement statement, Object[] parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }
}
