package io.penguinmails.campaign.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The engagement columns of {@code campaign_enrollments}: what a lead did, and the stops, pauses and retries that
 * follow from it. Only {@code active} rows are stopped, paused or rewound, so a finished lead stays finished.
 */
@ApplicationScoped
public class EnrollmentStateRepository {

    private final DataSource dataSource;

    EnrollmentStateRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Sets {@code opened_at} the first time. */
    public void markOpened(UUID tenantId, UUID enrollmentId, Instant at) {
        update(
                "UPDATE campaign_enrollments SET opened_at = ?, updated = now()"
                        + " WHERE id = ? AND tenant_id = ? AND opened_at IS NULL",
                "mark opened",
                ts(at),
                enrollmentId,
                tenantId);
    }

    /** Sets {@code clicked_at} the first time, and {@code opened_at} too: a click proves the mail was opened. */
    public void markClicked(UUID tenantId, UUID enrollmentId, Instant at) {
        update(
                "UPDATE campaign_enrollments SET clicked_at = coalesce(clicked_at, ?),"
                        + " opened_at = coalesce(opened_at, ?), updated = now() WHERE id = ? AND tenant_id = ?",
                "mark clicked",
                ts(at),
                ts(at),
                enrollmentId,
                tenantId);
    }

    /**
     * Records the first reply of an enrollment: {@code replied_at}, and status {@code replied} with {@code finished_at}
     * unless the lead already stopped for another reason (bounced, unsubscribed, ...).
     *
     * @return {@code false} when the enrollment had replied before (or does not exist)
     */
    public boolean markReplied(UUID tenantId, UUID enrollmentId, Instant at) {
        return update(
                        "UPDATE campaign_enrollments SET replied_at = ?,"
                                + " status = CASE WHEN status IN ('active', 'completed') THEN 'replied' ELSE status END,"
                                + " finished_at = coalesce(finished_at, now()), updated = now()"
                                + " WHERE id = ? AND tenant_id = ? AND replied_at IS NULL",
                        "mark replied",
                        ts(at),
                        enrollmentId,
                        tenantId)
                == 1;
    }

    /**
     * Sets {@code unsubscribed_at} of the enrollment whose link was used.
     *
     * @return {@code false} when it was set before, so the unsubscribe is not counted twice
     */
    public boolean markUnsubscribed(UUID tenantId, UUID enrollmentId, Instant at) {
        return update(
                        "UPDATE campaign_enrollments SET unsubscribed_at = ?, updated = now()"
                                + " WHERE id = ? AND tenant_id = ? AND unsubscribed_at IS NULL",
                        "mark unsubscribed",
                        ts(at),
                        enrollmentId,
                        tenantId)
                == 1;
    }

    /**
     * Stops every active enrollment of a lead in the tenant with a terminal status; {@code bounced} also sets
     * {@code bounced_at}, {@code unsubscribed} also {@code unsubscribed_at}.
     *
     * @return how many enrollments were stopped
     */
    public int stopLead(UUID tenantId, UUID leadId, String status, Instant at) {
        return update(
                "UPDATE campaign_enrollments SET status = ?, finished_at = ?,"
                        + " bounced_at = CASE WHEN ?::text = 'bounced' THEN coalesce(bounced_at, ?) ELSE bounced_at END,"
                        + " unsubscribed_at = CASE WHEN ?::text = 'unsubscribed' THEN coalesce(unsubscribed_at, ?)"
                        + " ELSE unsubscribed_at END, updated = now()"
                        + " WHERE tenant_id = ? AND lead_id = ? AND status = 'active'",
                "stop lead",
                status,
                ts(at),
                status,
                ts(at),
                status,
                ts(at),
                tenantId,
                leadId);
    }

    /**
     * Pauses every active enrollment of a lead until {@code until}: it stays active, and is not due before then.
     *
     * @return how many enrollments were paused
     */
    public int pauseLead(UUID tenantId, UUID leadId, Instant until) {
        return update(
                "UPDATE campaign_enrollments SET paused_until = ?, next_run_at = greatest(next_run_at, ?),"
                        + " updated = now() WHERE tenant_id = ? AND lead_id = ? AND status = 'active'",
                "pause lead",
                ts(until),
                ts(until),
                tenantId,
                leadId);
    }

    /** The {@code step_order} of a sequence step of the tenant. */
    public Optional<Integer> stepOrder(UUID tenantId, UUID stepId) {
        String sql = "SELECT step_order FROM campaign_sequence_steps WHERE id = ? AND tenant_id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, stepId);
            select.setObject(2, tenantId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DataAccessException("read step order", e);
        }
    }

    /**
     * Rewinds an active enrollment to an email step, due again at {@code at} (or when its out-of-office pause ends, if
     * later); {@code attempts} counts the retry. Nothing changes when a later email step was already sent or a send is
     * in flight: going back would send that later step again.
     *
     * @return whether the enrollment was active and was rewound
     */
    public boolean retryStep(UUID tenantId, UUID enrollmentId, int stepOrder, Instant at, String error) {
        return update(
                        "UPDATE campaign_enrollments e SET current_step_order = ?,"
                                + " next_run_at = greatest(?, coalesce(paused_until, '-infinity')),"
                                + " attempts = attempts + 1, last_error = ?, updated = now()"
                                + " WHERE id = ? AND tenant_id = ? AND status = 'active' AND sending_message_id IS NULL"
                                + " AND NOT EXISTS (SELECT 1 FROM campaign_sequence_steps s"
                                + " WHERE s.campaign_id = e.campaign_id AND s.step_type = 'email'"
                                + " AND s.step_order > ? AND s.step_order < e.current_step_order)",
                        "retry step",
                        stepOrder,
                        ts(at),
                        error,
                        enrollmentId,
                        tenantId,
                        stepOrder)
                == 1;
    }

    /** Marks an active enrollment failed with the reason. */
    public void fail(UUID tenantId, UUID enrollmentId, String error) {
        update(
                "UPDATE campaign_enrollments SET status = 'failed', finished_at = now(), last_error = ?,"
                        + " updated = now() WHERE id = ? AND tenant_id = ? AND status = 'active'",
                "fail enrollment",
                error,
                enrollmentId,
                tenantId);
    }

    private int update(String sql, String what, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                update.setObject(i + 1, parameters[i]);
            }
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException(what, e);
        }
    }

    private static Object ts(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
