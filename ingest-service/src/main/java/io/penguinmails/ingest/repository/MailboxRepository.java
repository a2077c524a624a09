package io.penguinmails.ingest.repository;

import io.penguinmails.ingest.service.imap.Mailbox;
import io.penguinmails.ingest.service.imap.MailboxCursor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** The {@code mailboxes}, {@code mailbox_cursors} and {@code processed_events} tables of the Queue tier. */
@ApplicationScoped
public class MailboxRepository {

    private static final String COLUMNS = "email_account_id, tenant_id, email, status, imap_host, imap_port,"
            + " imap_security, imap_username, password_encrypted, last_polled_at, last_success_at, last_error,"
            + " last_error_at, consecutive_failures, next_attempt_at";
    private static final String CURSOR_COLUMNS =
            "folder, uid_validity, last_uid, messages_fetched, messages_refused, last_refused, updated";

    private final DataSource dataSource;

    MailboxRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records an event id as applied; false when it already was (a redelivery). Join the effect's transaction. */
    @Transactional
    public boolean markProcessed(String eventId, String topic) {
        String sql = "INSERT INTO processed_events (event_id, topic) VALUES (?, ?) ON CONFLICT DO NOTHING";
        return update(sql, ps -> {
                    ps.setString(1, eventId);
                    ps.setString(2, topic);
                })
                == 1;
    }

    /**
     * Creates or replaces a mailbox unless a newer change was applied already. Settings the change leaves out are
     * kept; the failure count restarts, since new settings may well fix what failed.
     *
     * @return false when the row was left alone: a newer change was applied, or the id belongs to another tenant
     */
    @Transactional
    public boolean upsert(Mailbox mailbox, Instant changedAt) {
        String sql = "INSERT INTO mailboxes (email_account_id, tenant_id, email, status, imap_host, imap_port,"
                + " imap_security, imap_username, password_encrypted, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (email_account_id) DO UPDATE SET email = COALESCE(EXCLUDED.email, mailboxes.email),"
                + " status = EXCLUDED.status, imap_host = COALESCE(EXCLUDED.imap_host, mailboxes.imap_host),"
                + " imap_port = COALESCE(EXCLUDED.imap_port, mailboxes.imap_port),"
                + " imap_security = COALESCE(EXCLUDED.imap_security, mailboxes.imap_security),"
                + " imap_username = COALESCE(EXCLUDED.imap_username, mailboxes.imap_username),"
                + " password_encrypted = COALESCE(EXCLUDED.password_encrypted, mailboxes.password_encrypted),"
                + " changed_at = EXCLUDED.changed_at, consecutive_failures = 0, next_attempt_at = now(),"
                + " updated = now() WHERE mailboxes.tenant_id = EXCLUDED.tenant_id"
                + " AND mailboxes.changed_at <= EXCLUDED.changed_at";
        return update(sql, ps -> bindUpsert(ps, mailbox, changedAt)) == 1;
    }

    /** Removes a mailbox and its cursors unless a newer change was applied; false when nothing was removed. */
    @Transactional
    public boolean delete(UUID tenantId, String emailAccountId, Instant changedAt) {
        String sql = "DELETE FROM mailboxes WHERE email_account_id = ? AND tenant_id = ? AND changed_at <= ?";
        return update(sql, ps -> {
                    ps.setString(1, emailAccountId);
                    ps.setObject(2, tenantId);
                    ps.setTimestamp(3, Timestamp.from(changedAt));
                })
                == 1;
    }

    /** Forgets where polling stood, for a mailbox that now logs in to another account. */
    @Transactional
    public void deleteCursors(String emailAccountId) {
        update("DELETE FROM mailbox_cursors WHERE email_account_id = ?", ps -> ps.setString(1, emailAccountId));
    }

    /** A mailbox by id, whatever its tenant: for applying changes, never for answering a tenant. */
    public Optional<Mailbox> findAnyTenant(String emailAccountId) {
        return query(
                        "SELECT " + COLUMNS + " FROM mailboxes WHERE email_account_id = ?",
                        ps -> ps.setString(1, emailAccountId))
                .stream()
                .findFirst();
    }

    /** A mailbox of a tenant. */
    public Optional<Mailbox> find(UUID tenantId, String emailAccountId) {
        String sql = "SELECT " + COLUMNS + " FROM mailboxes WHERE tenant_id = ? AND email_account_id = ?";
        return query(sql, ps -> {
                    ps.setObject(1, tenantId);
                    ps.setString(2, emailAccountId);
                })
                .stream()
                .findFirst();
    }

    /** The mailboxes of a tenant, by email account id. */
    public List<Mailbox> list(UUID tenantId) {
        String sql = "SELECT " + COLUMNS + " FROM mailboxes WHERE tenant_id = ? ORDER BY email_account_id";
        return query(sql, ps -> ps.setObject(1, tenantId));
    }

    /**
     * Claims due active mailboxes for this replica: their next attempt moves out by the lease, so other replicas skip
     * them while this one polls; {@code SKIP LOCKED} keeps two replicas claiming at once from waiting on each other.
     */
    @Transactional
    public List<Mailbox> claimDue(int limit, Duration lease) {
        String sql = "UPDATE mailboxes SET next_attempt_at = now() + ?::interval, last_polled_at = now()"
                + " WHERE email_account_id IN (SELECT email_account_id FROM mailboxes WHERE status = 'active'"
                + " AND imap_host IS NOT NULL AND next_attempt_at <= now() ORDER BY next_attempt_at LIMIT ?"
                + " FOR UPDATE SKIP LOCKED) RETURNING " + COLUMNS;
        return query(sql, ps -> {
            ps.setString(1, interval(lease));
            ps.setInt(2, limit);
        });
    }

    /** Extends the claim of a mailbox being polled; false when it was paused or deleted meanwhile. */
    @Transactional
    public boolean renewClaim(String emailAccountId, Duration lease) {
        String sql = "UPDATE mailboxes SET next_attempt_at = now() + ?::interval"
                + " WHERE email_account_id = ? AND status = 'active'";
        return update(sql, ps -> {
                    ps.setString(1, interval(lease));
                    ps.setString(2, emailAccountId);
                })
                == 1;
    }

    /** Records a successful poll; the mailbox is due again after {@code nextPollIn}. */
    @Transactional
    public void recordSuccess(String emailAccountId, Duration nextPollIn) {
        String sql = "UPDATE mailboxes SET last_success_at = now(), consecutive_failures = 0,"
                + " next_attempt_at = now() + ?::interval, updated = now() WHERE email_account_id = ?";
        update(sql, ps -> {
            ps.setString(1, interval(nextPollIn));
            ps.setString(2, emailAccountId);
        });
    }

    /** Records a failed poll; the mailbox is due again after {@code backoff}. */
    @Transactional
    public void recordFailure(String emailAccountId, String error, Duration backoff) {
        String sql = "UPDATE mailboxes SET last_error = ?, last_error_at = now(),"
                + " consecutive_failures = consecutive_failures + 1, next_attempt_at = now() + ?::interval,"
                + " updated = now() WHERE email_account_id = ?";
        update(sql, ps -> {
            ps.setString(1, error);
            ps.setString(2, interval(backoff));
            ps.setString(3, emailAccountId);
        });
    }

    /** Makes mailboxes this replica claimed but will not poll (it is stopping) due again at once. */
    @Transactional
    public void release(Collection<String> emailAccountIds) {
        String sql = "UPDATE mailboxes SET next_attempt_at = now() WHERE email_account_id = ANY(?)";
        update(sql, ps -> ps.setArray(1, ps.getConnection().createArrayOf("varchar", emailAccountIds.toArray())));
    }

    /** The cursor of a folder of a mailbox, if it was ever polled. */
    public Optional<MailboxCursor> cursor(String emailAccountId, String folder) {
        String sql = "SELECT " + CURSOR_COLUMNS + " FROM mailbox_cursors WHERE email_account_id = ? AND folder = ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, emailAccountId);
            ps.setString(2, folder);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(readCursor(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new RepositoryException(e);
        }
    }

    /** Starts the cursor of a folder over under a UIDVALIDITY: nothing of it was fetched yet. */
    @Transactional
    public void resetCursor(Mailbox mailbox, String folder, long uidValidity) {
        String sql =
                "INSERT INTO mailbox_cursors (email_account_id, folder, tenant_id, uid_validity) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (email_account_id, folder) DO UPDATE SET uid_validity = EXCLUDED.uid_validity,"
                        + " last_uid = 0, updated = now()";
        update(sql, ps -> {
            ps.setString(1, mailbox.emailAccountId());
            ps.setString(2, folder);
            ps.setObject(3, mailbox.tenantId());
            ps.setLong(4, uidValidity);
        });
    }

    /**
     * Moves the cursor past an accepted message. The cursor only moves forward, so a slower replica that polled the
     * same mailbox after its claim expired cannot move it back.
     */
    @Transactional
    public void advance(String emailAccountId, String folder, long uidValidity, long uid) {
        String sql = "UPDATE mailbox_cursors SET last_uid = GREATEST(last_uid, ?), messages_fetched = messages_fetched"
                + " + 1, updated = now() WHERE email_account_id = ? AND folder = ? AND uid_validity = ?";
        update(sql, ps -> bindCursor(ps, uid, emailAccountId, folder, uidValidity));
    }

    /** Moves the cursor past a message that will never be accepted, recording why. */
    @Transactional
    public void refuse(String emailAccountId, String folder, long uidValidity, long uid, String reason) {
        String sql = "UPDATE mailbox_cursors SET last_uid = GREATEST(last_uid, ?), messages_refused = messages_refused"
                + " + 1, last_refused = ?, updated = now() WHERE email_account_id = ? AND folder = ? AND uid_validity = ?";
        update(sql, ps -> {
            ps.setLong(1, uid);
            ps.setString(2, "uid " + uid + ": " + reason);
            ps.setString(3, emailAccountId);
            ps.setString(4, folder);
            ps.setLong(5, uidValidity);
        });
    }

    private static void bindUpsert(PreparedStatement ps, Mailbox m, Instant changedAt) throws SQLException {
        Mailbox.Imap imap = m.imap();
        ps.setString(1, m.emailAccountId());
        ps.setObject(2, m.tenantId());
        ps.setString(3, m.email());
        ps.setString(4, m.status());
        ps.setString(5, imap == null ? null : imap.host());
        ps.setObject(6, imap == null ? null : imap.port(), Types.INTEGER);
        ps.setString(7, imap == null ? null : imap.security());
        ps.setString(8, imap == null ? null : imap.username());
        ps.setString(9, m.passwordEncrypted());
        ps.setTimestamp(10, Timestamp.from(changedAt));
    }

    private static void bindCursor(PreparedStatement ps, long uid, String id, String folder, long validity)
            throws SQLException {
        ps.setLong(1, uid);
        ps.setString(2, id);
        ps.setString(3, folder);
        ps.setLong(4, validity);
    }

    private int update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new RepositoryException(e);
        }
    }

    private List<Mailbox> query(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<Mailbox> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(readMailbox(rs));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new RepositoryException(e);
        }
    }

    private static Mailbox readMailbox(ResultSet rs) throws SQLException {
        String host = rs.getString(5);
        Mailbox.Imap imap =
                host == null ? null : new Mailbox.Imap(host, rs.getInt(6), rs.getString(7), rs.getString(8));
        return new Mailbox(
                rs.getString(1),
                rs.getObject(2, UUID.class),
                rs.getString(3),
                rs.getString(4),
                imap,
                rs.getString(9),
                instant(rs.getTimestamp(10)),
                instant(rs.getTimestamp(11)),
                rs.getString(12),
                instant(rs.getTimestamp(13)),
                rs.getInt(14),
                instant(rs.getTimestamp(15)));
    }

    private static MailboxCursor readCursor(ResultSet rs) throws SQLException {
        return new MailboxCursor(
                rs.getString(1),
                rs.getLong(2),
                rs.getLong(3),
                rs.getLong(4),
                rs.getLong(5),
                rs.getString(6),
                instant(rs.getTimestamp(7)));
    }

    private static String interval(Duration duration) {
        return duration.toMillis() + " milliseconds";
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }

    /** Sets the parameters of a statement. */
    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }
}
