package io.penguinmails.campaign.repository;

import io.penguinmails.campaign.Campaign;
import io.penguinmails.campaign.CampaignStep;
import io.penguinmails.campaign.DueEnrollment;
import io.penguinmails.campaign.MailboxState;
import io.penguinmails.campaign.TemplateContent;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * What the sequence engine reads and writes while it claims and runs due steps. Every method joins the caller's
 * transaction; the locks it takes (enrollments, campaigns shared, mailboxes) last until that transaction ends.
 */
@ApplicationScoped
public class EngineRepository {

    private final DataSource dataSource;

    EngineRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Locks up to {@code limit} due active enrollments of sending campaigns, oldest due first. Rows another engine has
     * locked are skipped, so concurrent passes work on disjoint rows.
     */
    public List<DueEnrollment> claimDue(Instant now, int limit) {
        String sql = "SELECT e.id, e.tenant_id, e.campaign_id, e.lead_id, e.current_step_order, e.email_account_id,"
                + " e.attempts, e.sending_message_id, e.sending_email_account_id, e.thread_message_id,"
                + " e.thread_subject, e.opened_at, e.clicked_at, e.replied_at, l.email, l.first_name, l.last_name,"
                + " l.company, l.position, l.timezone, l.custom_fields::text, e.sending_since, e.sending_started_at"
                + " FROM campaign_enrollments e JOIN campaigns c ON c.id = e.campaign_id JOIN leads l ON l.id = e.lead_id"
                + " WHERE e.status = 'active' AND e.next_run_at <= ? AND c.status = 'sending'"
                + " ORDER BY e.next_run_at LIMIT ? FOR UPDATE OF e SKIP LOCKED";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, now.atOffset(ZoneOffset.UTC));
            select.setInt(2, limit);
            try (ResultSet rs = select.executeQuery()) {
                List<DueEnrollment> due = new ArrayList<>();
                while (rs.next()) {
                    due.add(readDue(rs));
                }
                return due;
            }
        } catch (SQLException e) {
            throw new DataAccessException("claim due enrollments", e);
        }
    }

    /**
     * The campaigns, share-locked in id order: a step edit (which locks its campaign for update) waits for this pass
     * to commit, and this pass sees the steps as they are after any edit that committed first.
     */
    public Map<UUID, Campaign> shareCampaigns(Collection<UUID> ids) {
        String sql = "SELECT id, tenant_id, name, status, timezone, window_days, window_start, window_end,"
                + " min_spacing_seconds, max_spacing_seconds, track_opens, track_clicks, scheduled_at, started_at,"
                + " completed_at, created FROM campaigns WHERE id = ANY (?) ORDER BY id FOR SHARE";
        Map<UUID, Campaign> campaigns = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Campaign campaign = CampaignRepository.read(rs);
                    campaigns.put(campaign.id(), campaign);
                }
            }
            return campaigns;
        } catch (SQLException e) {
            throw new DataAccessException("lock campaigns", e);
        }
    }

    /** The steps of the campaigns, in order. */
    public Map<UUID, List<CampaignStep>> steps(Collection<UUID> campaignIds) {
        String sql = "SELECT id, step_order, step_type, template_id, subject_override, from_name_override,"
                + " wait_duration_minutes, wait_until_date, condition_type, executed_count, campaign_id"
                + " FROM campaign_sequence_steps WHERE campaign_id = ANY (?) ORDER BY campaign_id, step_order";
        Map<UUID, List<CampaignStep>> steps = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setArray(1, connection.createArrayOf("uuid", campaignIds.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    steps.computeIfAbsent(rs.getObject(11, UUID.class), k -> new ArrayList<>())
                            .add(CampaignRepository.readStep(rs));
                }
            }
            return steps;
        } catch (SQLException e) {
            throw new DataAccessException("read steps", e);
        }
    }

    /** The mailbox ids each campaign rotates across, in id order. */
    public Map<UUID, List<UUID>> campaignMailboxes(Collection<UUID> campaignIds) {
        String sql = "SELECT campaign_id, email_account_id FROM campaign_mailboxes WHERE campaign_id = ANY (?)"
                + " ORDER BY campaign_id, email_account_id";
        Map<UUID, List<UUID>> mailboxes = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setArray(1, connection.createArrayOf("uuid", campaignIds.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    mailboxes
                            .computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(rs.getObject(2, UUID.class));
                }
            }
            return mailboxes;
        } catch (SQLException e) {
            throw new DataAccessException("read campaign mailboxes", e);
        }
    }

    /** The mailboxes, locked in id order (so concurrent passes cannot deadlock) until the transaction ends. */
    public Map<UUID, MailboxState> lockMailboxes(Collection<UUID> ids) {
        String sql = "SELECT id, tenant_id, email, from_name, status, deleted IS NOT NULL, daily_limit, ramp_start,"
                + " ramp_step, smtp_host, smtp_port, smtp_security, smtp_username, smtp_password_encrypted,"
                + " next_send_at, (created AT TIME ZONE 'UTC')::date, updated"
                + " FROM email_accounts WHERE id = ANY (?) ORDER BY id FOR UPDATE";
        Map<UUID, MailboxState> mailboxes = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    MailboxState mailbox = readMailbox(rs);
                    mailboxes.put(mailbox.id(), mailbox);
                }
            }
            return mailboxes;
        } catch (SQLException e) {
            throw new DataAccessException("lock mailboxes", e);
        }
    }

    /** Sends counted per mailbox on a UTC day. */
    public Map<UUID, Integer> usage(Collection<UUID> mailboxIds, LocalDate day) {
        String sql =
                "SELECT email_account_id, sent FROM mailbox_daily_usage WHERE email_account_id = ANY (?) AND day = ?";
        Map<UUID, Integer> usage = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setArray(1, connection.createArrayOf("uuid", mailboxIds.toArray()));
            select.setObject(2, day);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    usage.put(rs.getObject(1, UUID.class), rs.getInt(2));
                }
            }
            return usage;
        } catch (SQLException e) {
            throw new DataAccessException("read mailbox usage", e);
        }
    }

    /** The templates with those ids. */
    public Map<UUID, TemplateContent> templates(Collection<UUID> ids) {
        String sql = "SELECT id, subject, html, text FROM templates WHERE id = ANY (?)";
        Map<UUID, TemplateContent> templates = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    templates.put(id, new TemplateContent(id, rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
            return templates;
        } catch (SQLException e) {
            throw new DataAccessException("read templates", e);
        }
    }

    /**
     * Writes the new state of each enrollment a batch touched. A batch's claims are new, and the ones it found are
     * resolved, so no state it writes has started sending.
     */
    public void saveStates(List<EnrollmentState> states) {
        String sql = "UPDATE campaign_enrollments SET current_step_order = ?, next_run_at = ?, status = ?,"
                + " finished_at = ?, email_account_id = ?, attempts = ?, last_error = ?, sending_message_id = ?,"
                + " sending_email_account_id = ?, sending_since = ?, sending_started_at = NULL, thread_message_id = ?,"
                + " updated = now() WHERE id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            for (EnrollmentState state : states) {
                update.setInt(1, state.stepOrder());
                update.setObject(2, offset(state.nextRunAt()));
                update.setString(3, state.status());
                update.setObject(4, offset(state.finishedAt()));
                update.setObject(5, state.emailAccountId());
                update.setInt(6, state.attempts());
                update.setString(7, state.lastError());
                update.setString(8, state.sendingMessageId());
                update.setObject(9, state.sendingEmailAccountId());
                update.setObject(10, offset(state.sendingSince()));
                update.setString(11, state.threadMessageId());
                update.setObject(12, state.id());
                update.addBatch();
            }
            update.executeBatch();
        } catch (SQLException e) {
            throw new DataAccessException("save enrollment states", e);
        }
    }

    /** Adds executions to steps' counters. */
    public void countExecutions(Map<UUID, Integer> perStep, Instant now) {
        String sql = "UPDATE campaign_sequence_steps SET executed_count = executed_count + ?, last_executed_at = ?"
                + " WHERE id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            for (Map.Entry<UUID, Integer> step : perStep.entrySet()) {
                update.setInt(1, step.getValue());
                update.setObject(2, offset(now));
                update.setObject(3, step.getKey());
                update.addBatch();
            }
            update.executeBatch();
        } catch (SQLException e) {
            throw new DataAccessException("count step executions", e);
        }
    }

    /** Sets mailboxes' next send time (spacing). */
    public void setNextSendAt(Map<UUID, Instant> nextSendAt) {
        String sql = "UPDATE email_accounts SET next_send_at = ? WHERE id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            for (Map.Entry<UUID, Instant> mailbox : nextSendAt.entrySet()) {
                update.setObject(1, offset(mailbox.getValue()));
                update.setObject(2, mailbox.getKey());
                update.addBatch();
            }
            update.executeBatch();
        } catch (SQLException e) {
            throw new DataAccessException("space mailboxes", e);
        }
    }

    /** Adds (or, negative, gives back) sends to mailboxes' usage of a day. */
    public void addUsage(UUID tenantId, Map<UUID, Integer> delta, LocalDate day) {
        String sql = "INSERT INTO mailbox_daily_usage (tenant_id, email_account_id, day, sent) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (email_account_id, day) DO UPDATE SET sent = mailbox_daily_usage.sent + EXCLUDED.sent";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement(sql)) {
            for (Map.Entry<UUID, Integer> mailbox : delta.entrySet()) {
                upsert.setObject(1, tenantId);
                upsert.setObject(2, mailbox.getKey());
                upsert.setObject(3, day);
                upsert.setInt(4, mailbox.getValue());
                upsert.addBatch();
            }
            upsert.executeBatch();
        } catch (SQLException e) {
            throw new DataAccessException("count mailbox usage", e);
        }
    }

    /**
     * Settles a send the SMTP server accepted: the enrollment moves past the step, only if the claim is still its own.
     * An out-of-office that paused the lead while the mail was in flight keeps its pause: the next step is not due
     * before {@code paused_until}.
     *
     * @return false when the claim was already settled elsewhere
     */
    public boolean settleSent(SentUpdate sent) {
        String sql = "UPDATE campaign_enrollments SET current_step_order = current_step_order + 1,"
                + " next_run_at = greatest(?, coalesce(paused_until, '-infinity')),"
                + " email_account_id = coalesce(email_account_id, ?), thread_message_id = coalesce(thread_message_id, ?),"
                + " thread_subject = coalesce(thread_subject, ?), last_sent_at = ?, last_message_id = ?, attempts = 0,"
                + " last_error = ?, sending_message_id = NULL, sending_email_account_id = NULL, sending_since = NULL,"
                + " sending_started_at = NULL, updated = now() WHERE id = ? AND sending_message_id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            update.setObject(1, offset(sent.at()));
            update.setObject(2, sent.emailAccountId());
            update.setString(3, sent.messageId());
            update.setString(4, sent.subject());
            update.setObject(5, offset(sent.at()));
            update.setString(6, sent.messageId());
            update.setString(7, sent.note());
            update.setObject(8, sent.enrollmentId());
            update.setString(9, sent.messageId());
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new DataAccessException("settle a sent step", e);
        }
    }

    /**
     * Settles a failed send: clears the claim and sets the retry time, or the final status when {@code status} is
     * terminal. A lead that a reply, bounce or unsubscribe ended while the mail was in flight keeps that status, and an
     * out-of-office pause that arrived meanwhile keeps the retry from coming before {@code paused_until}. Returns false
     * when the claim was already settled elsewhere.
     */
    public boolean settleFailed(
            UUID enrollmentId, String messageId, String status, int attempts, Instant nextRunAt, String error) {
        String sql = "UPDATE campaign_enrollments SET status = CASE WHEN status = 'active' THEN ? ELSE status END,"
                // A terminal failure passes no retry time (NULL), which greatest() would skip over.
                + " attempts = ?, next_run_at = CASE WHEN paused_until > ? THEN paused_until ELSE ? END, last_error = ?,"
                + " finished_at = CASE WHEN status = 'active' AND ? <> 'active' THEN now() ELSE finished_at END,"
                + " sending_message_id = NULL, sending_email_account_id = NULL, sending_since = NULL,"
                + " sending_started_at = NULL, updated = now() WHERE id = ? AND sending_message_id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, status);
            update.setInt(2, attempts);
            update.setObject(3, offset(nextRunAt));
            update.setObject(4, offset(nextRunAt));
            update.setString(5, error);
            update.setString(6, status);
            update.setObject(7, enrollmentId);
            update.setString(8, messageId);
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new DataAccessException("settle a failed step", e);
        }
    }

    /**
     * Marks a claimed send as started, right before its SMTP call, and renews its lease from now: from here on a crash
     * leaves an unknown outcome, never a second send.
     *
     * @return false when the claim is no longer this sender's (handed back after its lease, or settled), so it must not
     *     be sent
     */
    public boolean markStarted(UUID enrollmentId, String messageId, Instant startedAt, Instant leaseUntil) {
        String sql = "UPDATE campaign_enrollments SET sending_started_at = ?, next_run_at = ?, updated = now()"
                + " WHERE id = ? AND sending_message_id = ? AND sending_started_at IS NULL AND status = 'active'";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            update.setObject(1, offset(startedAt));
            update.setObject(2, offset(leaseUntil));
            update.setObject(3, enrollmentId);
            update.setString(4, messageId);
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new DataAccessException("mark a send started", e);
        }
    }

    /**
     * Drops a claimed send that never started because the lead's sequence ended after the claim (a reply, a hard
     * bounce, an unsubscribe): the claim is cleared and the status kept. Returns false when the enrollment is still
     * active or the claim is no longer this sender's.
     */
    public boolean releaseEnded(UUID enrollmentId, String messageId) {
        String sql = "UPDATE campaign_enrollments SET sending_message_id = NULL, sending_email_account_id = NULL,"
                + " sending_since = NULL, updated = now()"
                + " WHERE id = ? AND sending_message_id = ? AND sending_started_at IS NULL AND status <> 'active'";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            update.setObject(1, enrollmentId);
            update.setString(2, messageId);
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new DataAccessException("release the claim of an ended enrollment", e);
        }
    }

    /**
     * Stops a claimed send that never started because the address was suppressed after the claim: the claim is
     * cleared and the enrollment ends as {@code suppressed}, unless something else (an unsubscribe, a bounce) ended it
     * first, whose status it keeps. Returns false when the claim was no longer this sender's.
     */
    public boolean settleSuppressed(UUID enrollmentId, String messageId, Instant at, String reason) {
        String sql = "UPDATE campaign_enrollments SET status = CASE WHEN status = 'active' THEN 'suppressed' ELSE"
                + " status END, finished_at = coalesce(finished_at, ?), next_run_at = NULL, last_error = ?,"
                + " sending_message_id = NULL, sending_email_account_id = NULL, sending_since = NULL, updated = now()"
                + " WHERE id = ? AND sending_message_id = ? AND sending_started_at IS NULL";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            update.setObject(1, offset(at));
            update.setString(2, reason);
            update.setObject(3, enrollmentId);
            update.setString(4, messageId);
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new DataAccessException("settle a suppressed send", e);
        }
    }

    /** Records an outbound campaign message so replies and bounces can be matched to it. */
    public void insertOutboundRef(OutboundRef ref) {
        String sql = "INSERT INTO inbox_message_refs (id, tenant_id, email_account_id, campaign_id, step_id, lead_id,"
                + " enrollment_id, direction, message_type, message_id, in_reply_to, content_storage_key, subject,"
                + " occurred_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'outbound', 'email', ?, ?, ?, ?, ?)"
                + " ON CONFLICT (tenant_id, direction, message_id) DO NOTHING";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, ref.tenantId());
            insert.setObject(3, ref.emailAccountId());
            insert.setObject(4, ref.campaignId());
            insert.setObject(5, ref.stepId());
            insert.setObject(6, ref.leadId());
            insert.setObject(7, ref.enrollmentId());
            insert.setString(8, ref.messageId());
            insert.setString(9, ref.inReplyTo());
            insert.setString(10, ref.storageKey());
            insert.setString(11, ref.subject());
            insert.setObject(12, offset(ref.at()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("insert outbound message ref", e);
        }
    }

    private static OffsetDateTime offset(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static DueEnrollment readDue(ResultSet rs) throws SQLException {
        return new DueEnrollment(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getObject(3, UUID.class),
                rs.getObject(4, UUID.class),
                rs.getInt(5),
                rs.getObject(6, UUID.class),
                rs.getInt(7),
                rs.getString(8),
                rs.getObject(9, UUID.class),
                rs.getString(10),
                rs.getString(11),
                CampaignRepository.instant(rs, 12),
                CampaignRepository.instant(rs, 13),
                CampaignRepository.instant(rs, 14),
                rs.getString(15),
                rs.getString(16),
                rs.getString(17),
                rs.getString(18),
                rs.getString(19),
                rs.getString(20),
                rs.getString(21),
                CampaignRepository.instant(rs, 22),
                CampaignRepository.instant(rs, 23));
    }

    private static MailboxState readMailbox(ResultSet rs) throws SQLException {
        return new MailboxState(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getBoolean(6),
                rs.getInt(7),
                rs.getInt(8),
                rs.getInt(9),
                rs.getString(10),
                rs.getInt(11),
                rs.getString(12),
                rs.getString(13),
                rs.getString(14),
                CampaignRepository.instant(rs, 15),
                rs.getObject(16, LocalDate.class),
                CampaignRepository.instant(rs, 17));
    }

    /** The state of an enrollment after a batch ran its steps. */
    public record EnrollmentState(
            UUID id,
            int stepOrder,
            Instant nextRunAt,
            String status,
            Instant finishedAt,
            UUID emailAccountId,
            int attempts,
            String lastError,
            String sendingMessageId,
            UUID sendingEmailAccountId,
            Instant sendingSince,
            String threadMessageId) {}

    /** A send to settle as done; {@code note} is kept as last_error (null after a clean send). */
    public record SentUpdate(
            UUID enrollmentId, UUID emailAccountId, String messageId, String subject, Instant at, String note) {}

    /** An {@code inbox_message_refs} row of an outbound message. */
    public record OutboundRef(
            UUID tenantId,
            UUID emailAccountId,
            UUID campaignId,
            UUID stepId,
            UUID leadId,
            UUID enrollmentId,
            String messageId,
            String inReplyTo,
            String storageKey,
            String subject,
            Instant at) {}
}
