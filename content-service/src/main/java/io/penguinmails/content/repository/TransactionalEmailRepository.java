package io.penguinmails.content.repository;

import io.penguinmails.content.ClaimedEmail;
import io.penguinmails.content.KeysetPosition;
import io.penguinmails.content.TransactionalEmail;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The {@code transactional_emails} queue. Every state change is one auto-committed statement, so the sender never
 * holds a transaction (or a row lock) open while it talks to SMTP.
 */
@ApplicationScoped
public class TransactionalEmailRepository {

    /** The columns of the API view; {@code %s} is the body columns, or NULLs in a listing. */
    private static final String VIEW_COLUMNS = "id, status, ARRAY(SELECT jsonb_array_elements_text(payload->'to')),"
            + " ARRAY(SELECT jsonb_array_elements_text(payload->'cc')), payload->>'subject', payload->>'reply_to',"
            + " %s, idempotency_key, message_id, attempts, max_attempts, next_attempt_at, last_error, queued, sent,"
            + " failed";

    private static final String BODIES = "payload->>'text', payload->>'html'";
    private static final String NO_BODIES = "NULL, NULL";

    private final DataSource dataSource;

    TransactionalEmailRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A new queued email; empty when the tenant already has one with this idempotency key. */
    public Optional<UUID> insert(NewEmail email) {
        String sql = "INSERT INTO transactional_emails (id, tenant_id, requested_by, payload, request_sha256,"
                + " idempotency_key, message_id, max_attempts) VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?)"
                + " ON CONFLICT (tenant_id, idempotency_key) DO NOTHING RETURNING id";
        List<UUID> ids = query(
                sql,
                Arrays.asList(
                        email.id(),
                        email.tenantId(),
                        email.requestedBy(),
                        email.payloadJson(),
                        email.requestSha256(),
                        email.idempotencyKey(),
                        email.messageId(),
                        email.maxAttempts()),
                rs -> rs.getObject(1, UUID.class));
        return ids.stream().findFirst();
    }

    /** The email a tenant queued under an idempotency key, with the hash of the request that queued it. */
    public Optional<KeyedEmail> findByIdempotencyKey(UUID tenantId, String key) {
        String sql = "SELECT id, status, request_sha256 FROM transactional_emails"
                + " WHERE tenant_id = ? AND idempotency_key = ?";
        return query(
                        sql,
                        List.of(tenantId, key),
                        rs -> new KeyedEmail(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)))
                .stream()
                .findFirst();
    }

    /** One email of a tenant, bodies included. */
    public Optional<TransactionalEmail> find(UUID tenantId, UUID id) {
        String sql = "SELECT " + VIEW_COLUMNS.formatted(BODIES)
                + " FROM transactional_emails WHERE tenant_id = ? AND id = ?";
        return query(sql, List.of(tenantId, id), TransactionalEmailRepository::view).stream()
                .findFirst();
    }

    /** A page of a tenant's emails, newest first, optionally of one status, after a position. */
    public List<TransactionalEmail> list(UUID tenantId, String status, KeysetPosition after, int limit) {
        StringBuilder sql = new StringBuilder(
                "SELECT " + VIEW_COLUMNS.formatted(NO_BODIES) + " FROM transactional_emails WHERE tenant_id = ?");
        List<Object> params = new ArrayList<>(List.of(tenantId));
        if (status != null) {
            sql.append(" AND status = ?");
            params.add(status);
        }
        if (after != null) {
            sql.append(" AND (queued, id) < (?, ?)");
            params.add(Timestamp.from(after.at()));
            params.add(after.id());
        }
        sql.append(" ORDER BY queued DESC, id DESC LIMIT ?");
        params.add(limit);
        return query(sql.toString(), params, TransactionalEmailRepository::view);
    }

    /**
     * Claims up to {@code limit} due queued emails for this sender: marks them {@code sending} and counts the
     * attempt. SKIP LOCKED lets replicas claim disjoint rows; the claim commits before any SMTP traffic.
     */
    public List<ClaimedEmail> claimDue(int limit) {
        String sql = "UPDATE transactional_emails SET status = 'sending', attempts = attempts + 1,"
                + " claimed_at = now(), updated = now() WHERE id IN (SELECT id FROM transactional_emails"
                + " WHERE status = 'queued' AND next_attempt_at <= now() ORDER BY next_attempt_at LIMIT ?"
                + " FOR UPDATE SKIP LOCKED)"
                + " RETURNING id, ARRAY(SELECT jsonb_array_elements_text(payload->'to')),"
                + " ARRAY(SELECT jsonb_array_elements_text(payload->'cc')), payload->>'subject', payload->>'text',"
                + " payload->>'html', payload->>'reply_to', message_id, attempts, max_attempts";
        return query(
                sql,
                List.of(limit),
                rs -> new ClaimedEmail(
                        rs.getObject(1, UUID.class),
                        strings(rs.getArray(2)),
                        strings(rs.getArray(3)),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8),
                        rs.getInt(9),
                        rs.getInt(10)));
    }

    /** Records an accepted send; 1, or 0 when the row was no longer this sender's claim. */
    public int markSent(UUID id) {
        return update(
                "UPDATE transactional_emails SET status = 'sent', sent = now(), updated = now()"
                        + " WHERE id = ? AND status = 'sending'",
                List.of(id));
    }

    /** Puts an email back in the queue after a transient failure, due again at {@code next}; rows changed. */
    public int reschedule(UUID id, Instant next, String error) {
        return update(
                "UPDATE transactional_emails SET status = 'queued', next_attempt_at = ?, last_error = ?,"
                        + " updated = now() WHERE id = ? AND status = 'sending'",
                List.of(Timestamp.from(next), error, id));
    }

    /** Gives an email up; rows changed. */
    public int markFailed(UUID id, String error) {
        return update(
                "UPDATE transactional_emails SET status = 'failed', failed = now(), last_error = ?, updated = now()"
                        + " WHERE id = ? AND status = 'sending'",
                List.of(error, id));
    }

    /**
     * Settles up to {@code limit} claims older than {@code timeout}: their sender stopped between claiming and
     * recording the outcome, so SMTP may or may not have accepted them. Each is queued again once (with the same
     * Message-ID, so that receivers can recognise a duplicate), counted as an unknown outcome; an email whose outcome
     * was unknown before, or that has used all its attempts, is failed instead, so a crash never resends silently
     * and without bound.
     *
     * @return how many claims were settled
     */
    public int settleStaleClaims(Duration timeout, int limit) {
        String giveUp = "(attempts >= max_attempts OR unknown_outcomes >= 1)";
        String sql = "UPDATE transactional_emails SET unknown_outcomes = unknown_outcomes + 1, updated = now(),"
                + " status = CASE WHEN " + giveUp + " THEN 'failed' ELSE 'queued' END,"
                + " failed = CASE WHEN " + giveUp + " THEN now() END, next_attempt_at = now(),"
                + " last_error = 'attempt ' || attempts || ': outcome unknown, the sender stopped before recording it; '"
                + " || CASE WHEN " + giveUp + " THEN 'not sent again' ELSE 'queued again with the same Message-ID' END"
                + " WHERE id IN (SELECT id FROM transactional_emails WHERE status = 'sending'"
                + " AND claimed_at < now() - make_interval(secs => ?) LIMIT ? FOR UPDATE SKIP LOCKED)";
        return update(sql, List.of((double) timeout.toMillis() / 1000, limit));
    }

    /**
     * Deletes up to {@code limit} emails of any tenant that were sent or failed more than {@code days} days ago; the
     * number deleted. Nothing changes a finished row again, so its {@code updated} is when it finished.
     */
    public int deleteFinished(int days, int limit) {
        return update(
                "DELETE FROM transactional_emails WHERE id IN (SELECT id FROM transactional_emails"
                        + " WHERE status IN ('sent', 'failed') AND updated < now() - make_interval(days => ?)"
                        + " LIMIT ? FOR UPDATE SKIP LOCKED)",
                List.of(days, limit));
    }

    private static TransactionalEmail view(ResultSet rs) throws SQLException {
        return new TransactionalEmail(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                strings(rs.getArray(3)),
                strings(rs.getArray(4)),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10),
                rs.getInt(11),
                rs.getInt(12),
                instant(rs.getTimestamp(13)),
                rs.getString(14),
                instant(rs.getTimestamp(15)),
                instant(rs.getTimestamp(16)),
                instant(rs.getTimestamp(17)));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private <T> List<T> query(String sql, List<Object> params, RowMapper<T> mapper) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new RepositoryException(e);
        }
    }

    private int update(String sql, List<Object> params) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new RepositoryException(e);
        }
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }

    /** Reads one row. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** A new email as the service prepared it; {@code payloadJson} holds to, cc, subject, text, html, reply_to. */
    public record NewEmail(
            UUID id,
            UUID tenantId,
            String requestedBy,
            String payloadJson,
            String requestSha256,
            String idempotencyKey,
            String messageId,
            int maxAttempts) {}

    /** The email an idempotency key names, and the SHA-256 of the request that queued it. */
    public record KeyedEmail(UUID id, String status, String requestSha256) {}
}
