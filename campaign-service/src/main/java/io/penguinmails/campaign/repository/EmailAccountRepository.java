package io.penguinmails.campaign.repository;

import io.penguinmails.campaign.EmailAccount;
import io.penguinmails.campaign.EmailAccount.MailServer;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The {@code email_accounts} table; every query is scoped to one tenant and skips deleted mailboxes. Passwords arrive
 * here already encrypted. A mailbox is linked to the tenant's domain matching its address, when there is one.
 */
@ApplicationScoped
public class EmailAccountRepository {

    private static final String COLUMNS = "id, tenant_id, company_id, domain_id, email, from_name, status, daily_limit,"
            + " smtp_host, smtp_port, smtp_security, smtp_username, smtp_password_encrypted, imap_host, imap_port,"
            + " imap_security, imap_username, imap_password_encrypted, last_error, created, updated, ramp_start,"
            + " ramp_step";
    private static final String DOMAIN_OF_EMAIL =
            "(SELECT d.id FROM domains d WHERE d.tenant_id = ? AND d.name = split_part(?, '@', 2))";

    private final DataSource dataSource;

    EmailAccountRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores a new mailbox (status active).
     *
     * @throws ConflictException when the tenant already has a live mailbox with that address
     */
    public EmailAccount insert(UUID tenantId, EmailAccount account) {
        String sql = "INSERT INTO email_accounts (id, tenant_id, company_id, domain_id, email, from_name, daily_limit,"
                + " ramp_start, ramp_step, smtp_host, smtp_port, smtp_security, smtp_username, smtp_password_encrypted,"
                + " imap_host, imap_port, imap_security, imap_username, imap_password_encrypted) VALUES (?, ?, ?, "
                + DOMAIN_OF_EMAIL + ", ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING " + COLUMNS;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, tenantId);
            insert.setObject(3, account.companyId());
            insert.setObject(4, tenantId);
            insert.setString(5, account.email());
            insert.setString(6, account.email());
            setSettings(insert, 7, account, false);
            return single(insert).orElseThrow();
        } catch (SQLException e) {
            throw conflictOr(e, account.email(), "insert email account");
        }
    }

    /**
     * Stores new settings over a live mailbox; a null password keeps the stored one, a missing IMAP server removes the
     * IMAP settings, an errored mailbox becomes active with its error cleared. Empty when the tenant has no such live
     * mailbox.
     */
    public Optional<EmailAccount> update(UUID tenantId, UUID id, EmailAccount account) {
        String sql = "UPDATE email_accounts SET company_id = ?, domain_id = " + DOMAIN_OF_EMAIL + ", email = ?,"
                + " from_name = ?, daily_limit = ?, ramp_start = ?, ramp_step = ?, smtp_host = ?, smtp_port = ?,"
                + " smtp_security = ?, smtp_username = ?,"
                + " smtp_password_encrypted = COALESCE(?, smtp_password_encrypted), imap_host = ?, imap_port = ?,"
                + " imap_security = ?, imap_username = ?,"
                + " imap_password_encrypted = CASE WHEN ? THEN COALESCE(?, imap_password_encrypted) END,"
                + " status = CASE WHEN status = 'error' THEN 'active' ELSE status END, last_error = NULL,"
                + " updated = now() WHERE tenant_id = ? AND id = ? AND deleted IS NULL RETURNING " + COLUMNS;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            update.setObject(1, account.companyId());
            update.setObject(2, tenantId);
            update.setString(3, account.email());
            update.setString(4, account.email());
            int next = setSettings(update, 5, account, true);
            update.setObject(next, tenantId);
            update.setObject(next + 1, id);
            return single(update);
        } catch (SQLException e) {
            throw conflictOr(e, account.email(), "update email account");
        }
    }

    /**
     * Sets the status of a live mailbox; an active one has no error any more. Empty when the tenant has no such live
     * mailbox.
     */
    public Optional<EmailAccount> setStatus(UUID tenantId, UUID id, String status) {
        String sql = "UPDATE email_accounts SET status = ?,"
                + " last_error = CASE WHEN ? = 'active' THEN NULL ELSE last_error END, updated = now()"
                + " WHERE tenant_id = ? AND id = ? AND deleted IS NULL RETURNING " + COLUMNS;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, status);
            update.setString(2, status);
            update.setObject(3, tenantId);
            update.setObject(4, id);
            return single(update);
        } catch (SQLException e) {
            throw new DataAccessException("set email account status", e);
        }
    }

    /**
     * Sets an active live mailbox to {@code error} with the reason; empty when it is not active (already errored,
     * paused or deleted), so only the first of several failures changes it.
     */
    public Optional<EmailAccount> markError(UUID tenantId, UUID id, String reason) {
        String sql = "UPDATE email_accounts SET status = 'error', last_error = ?, updated = now()"
                + " WHERE tenant_id = ? AND id = ? AND status = 'active' AND deleted IS NULL RETURNING " + COLUMNS;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, reason);
            update.setObject(2, tenantId);
            update.setObject(3, id);
            return single(update);
        } catch (SQLException e) {
            throw new DataAccessException("mark email account errored", e);
        }
    }

    /** Marks a live mailbox deleted (kept for the history of its sends); empty when there is no such live mailbox. */
    public Optional<EmailAccount> softDelete(UUID tenantId, UUID id) {
        String sql = "UPDATE email_accounts SET status = 'deleted', deleted = now(), updated = now()"
                + " WHERE tenant_id = ? AND id = ? AND deleted IS NULL RETURNING " + COLUMNS;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            update.setObject(1, tenantId);
            update.setObject(2, id);
            return single(update);
        } catch (SQLException e) {
            throw new DataAccessException("delete email account", e);
        }
    }

    /** The tenant's live mailbox with that id. */
    public Optional<EmailAccount> find(UUID tenantId, UUID id) {
        String sql = "SELECT " + COLUMNS + " FROM email_accounts WHERE tenant_id = ? AND id = ? AND deleted IS NULL";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, tenantId);
            select.setObject(2, id);
            return single(select);
        } catch (SQLException e) {
            throw new DataAccessException("find email account", e);
        }
    }

    /** The tenant's live mailboxes by address. */
    public List<EmailAccount> list(UUID tenantId) {
        String sql =
                "SELECT " + COLUMNS + " FROM email_accounts WHERE tenant_id = ? AND deleted IS NULL ORDER BY email";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, tenantId);
            try (ResultSet rs = select.executeQuery()) {
                List<EmailAccount> found = new ArrayList<>();
                while (rs.next()) {
                    found.add(read(rs));
                }
                return found;
            }
        } catch (SQLException e) {
            throw new DataAccessException("list email accounts", e);
        }
    }

    /** Sets the columns from from_name (with daily limit and ramp) to the IMAP password; returns the index of the next parameter. */
    private static int setSettings(PreparedStatement statement, int first, EmailAccount account, boolean forUpdate)
            throws SQLException {
        int i = first;
        statement.setString(i++, account.fromName());
        statement.setInt(i++, account.dailyLimit());
        statement.setInt(i++, account.rampStart());
        statement.setInt(i++, account.rampStep());
        MailServer smtp = account.smtp();
        statement.setString(i++, smtp.host());
        statement.setInt(i++, smtp.port());
        statement.setString(i++, smtp.security());
        statement.setString(i++, smtp.username());
        statement.setString(i++, smtp.passwordEncrypted());
        MailServer imap = account.imap();
        statement.setString(i++, imap == null ? null : imap.host());
        if (imap == null) {
            statement.setNull(i++, Types.INTEGER);
        } else {
            statement.setInt(i++, imap.port());
        }
        statement.setString(i++, imap == null ? null : imap.security());
        statement.setString(i++, imap == null ? null : imap.username());
        if (forUpdate) {
            statement.setBoolean(i++, imap != null);
        }
        statement.setString(i++, imap == null ? null : imap.passwordEncrypted());
        return i;
    }

    private static RuntimeException conflictOr(SQLException e, String email, String operation) {
        if (ConflictException.isConflict(e)) {
            return new ConflictException("a mailbox " + email + " already exists, or the company is unknown", e);
        }
        return new DataAccessException(operation, e);
    }

    private static Optional<EmailAccount> single(PreparedStatement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery()) {
            return rs.next() ? Optional.of(read(rs)) : Optional.empty();
        }
    }

    private static EmailAccount read(ResultSet rs) throws SQLException {
        MailServer smtp =
                new MailServer(rs.getString(9), rs.getInt(10), rs.getString(11), rs.getString(12), rs.getString(13));
        String imapHost = rs.getString(14);
        MailServer imap = imapHost == null
                ? null
                : new MailServer(imapHost, rs.getInt(15), rs.getString(16), rs.getString(17), rs.getString(18));
        return new EmailAccount(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getObject(3, UUID.class),
                rs.getObject(4, UUID.class),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getInt(8),
                rs.getInt(22),
                rs.getInt(23),
                smtp,
                imap,
                rs.getString(19),
                rs.getObject(20, OffsetDateTime.class).toInstant(),
                rs.getObject(21, OffsetDateTime.class).toInstant());
    }
}
