package io.penguinmails.content.repository;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Puts a transaction under row-level security. Every tenant table of {@code penguin_content} has a policy admitting
 * only rows whose {@code tenant_id} is the transaction's {@code penguin.tenant_id}; the service logs in as the
 * tables' owner (locally the superuser, which bypasses RLS), so a tenant transaction also switches to the NOLOGIN
 * role {@code penguin_content_app}, which does not. Both settings are transaction-local: they end with the
 * transaction and never leak to the next user of the pooled connection.
 *
 * <p>Within a JTA transaction Agroal hands every {@code getConnection()} the same enlisted connection, so what is set
 * here applies to every repository call of the transaction.
 */
@ApplicationScoped
public class TenantScope {

    /** The role tenant transactions run as (created by migration V4). */
    public static final String APP_ROLE = "penguin_content_app";

    private static final Logger LOG = Logger.getLogger(TenantScope.class);
    private static final String ENTER_TENANT =
            "SELECT set_config('penguin.tenant_id', ?, true), set_config('role', '" + APP_ROLE + "', true)";
    private static final String ENTER_SYSTEM = "SELECT set_config('penguin.system_work', 'on', true)";

    private static final String MAY_BYPASS =
            "SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user";

    private final DataSource dataSource;
    private volatile Boolean mayBypass;

    TenantScope(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs work in a transaction (the caller's, or a new one) that sees only one tenant's rows. */
    public <T> T call(UUID tenantId, Supplier<T> work) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            enter(tenantId);
            return work.get();
        });
    }

    /**
     * Scopes the caller's active transaction to a tenant from here on. May be called again in the same transaction
     * for another tenant (a consumer batch holding several tenants' records).
     *
     * @throws IllegalStateException without an active transaction: the settings would end with the statement
     */
    public void enter(UUID tenantId) {
        requireTransaction();
        execute(ENTER_TENANT, tenantId.toString());
    }

    /**
     * Runs work that must cross tenants in a new transaction as the tables' owner, through the owner's
     * {@code system_work} policy. Only system jobs do this (the retention purge, the outbox relay, finding tenants due
     * a dictionary); {@code reason} says which, for the log.
     */
    public <T> T asSystem(String reason, Supplier<T> work) {
        return QuarkusTransaction.requiringNew().call(() -> {
            LOG.debugf("system work across tenants: %s", reason);
            execute(ENTER_SYSTEM, null);
            return work.get();
        });
    }

    /**
     * Runs a read whose SQL filters by the tenant itself ({@code tenant_id = ?} bound from the token) outside the
     * tenant policy when the login role may bypass row-level security, read-only. Under a policy PostgreSQL checks the
     * policy before any condition whose operator is not leakproof, so such a condition (full-text {@code @@}, array
     * containment, the recursive Message-ID match of a thread) never becomes an index condition and a search of a
     * large tenant scans every row of it. Where the role may not bypass, the read runs under the policy like any
     * other: slower, never wrong.
     */
    public <T> T readFilteringItself(UUID tenantId, Supplier<T> work) {
        if (!mayBypass()) {
            return call(tenantId, work);
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            execute("SET TRANSACTION READ ONLY", null);
            return work.get();
        });
    }

    private boolean mayBypass() {
        if (mayBypass == null) {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement(MAY_BYPASS);
                    ResultSet rs = ps.executeQuery()) {
                mayBypass = rs.next() && rs.getBoolean(1);
            } catch (SQLException e) {
                throw new RepositoryException(e);
            }
        }
        return mayBypass;
    }

    private static void requireTransaction() {
        if (!QuarkusTransaction.isActive()) {
            throw new IllegalStateException("a tenant scope needs an active transaction");
        }
    }

    private void execute(String sql, String parameter) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            if (parameter != null) {
                ps.setString(1, parameter);
            }
            ps.execute();
        } catch (SQLException e) {
            throw new RepositoryException(e);
        }
    }
}
