package io.penguinmails.ingest.repository;

import io.penguinmails.ingest.InboundJob;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/** The {@code jobs} and {@code job_logs} tables of the Queue tier. */
@ApplicationScoped
public class JobRepository {

    private static final String COLUMNS =
            "id, tenant_id, storage_key, message_type, status, attempt_count, max_attempts,"
                    + " last_error_message, created, completed, event_body";

    /** One new job's row in a multi-row insert; the last of its parameters is the claim lease. */
    private static final String CLAIMED_ROW =
            "(?, ?, 'inbound', ?, ?, ?, ?::jsonb, ?, ?, 'running', 1, now(), now() + ?::interval)";

    private static final int CLAIMED_ROW_PARAMETERS = 9;

    private static final Map<Integer, String> INSERT_CLAIMED_SQL = new ConcurrentHashMap<>();

    private final DataSource dataSource;

    JobRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Records a job unless the tenant already has one for this storage key, in the caller's transaction (an IMAP
     * poll's, with its cursor move) or its own, and claimed for the caller for {@code lease}: the caller publishes it
     * once that commits, and only if that does not settle within the lease does a relay's scheduled run take it over.
     *
     * @return the new job, empty when the tenant already has one for this storage key
     */
    @Transactional
    public Optional<InboundJob> insertClaimed(NewJob job, Duration lease) {
        return insertAllClaimed(List.of(job), lease).get(0);
    }

    /**
     * Records several jobs with one statement, each claimed for {@code lease} like {@link #insertClaimed}, in the
     * caller's transaction or as one of their own.
     *
     * @return for each job in order, the new job, or empty when the tenant already has one for its storage key
     *     (also when the same job appears twice in {@code batch}: the first is recorded)
     */
    public List<Optional<InboundJob>> insertAllClaimed(List<NewJob> batch, Duration lease) {
        List<UUID> ids = batch.stream().map(job -> UUID.randomUUID()).toList();
        Set<UUID> inserted = new HashSet<>();
        String leaseInterval = lease.toMillis() + " milliseconds";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(insertClaimedSql(batch.size()))) {
            for (int i = 0; i < batch.size(); i++) {
                bindNew(ps, i * CLAIMED_ROW_PARAMETERS, ids.get(i), batch.get(i));
                ps.setString(i * CLAIMED_ROW_PARAMETERS + 9, leaseInterval);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    inserted.add(rs.getObject(1, UUID.class));
                }
            }
        } catch (SQLException e) {
            throw new RepositoryException(e);
        }
        List<Optional<InboundJob>> jobs = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            jobs.add(inserted.contains(ids.get(i)) ? Optional.of(claimed(ids.get(i), batch.get(i))) : Optional.empty());
        }
        return jobs;
    }

    /** The statement for a group of {@code rows} jobs, built once per group size rather than once per group. */
    private static String insertClaimedSql(int rows) {
        return INSERT_CLAIMED_SQL.computeIfAbsent(rows, JobRepository::buildInsertClaimedSql);
    }

    private static String buildInsertClaimedSql(int rows) {
        return "INSERT INTO jobs (id, tenant_id, queue_name, storage_key, email_account_id, message_type, payload,"
                + " event_body, max_attempts, status, attempt_count, started, run) VALUES "
                + String.join(", ", Collections.nCopies(rows, CLAIMED_ROW))
                + " ON CONFLICT (tenant_id, storage_key) DO NOTHING RETURNING id";
    }

    private static InboundJob claimed(UUID id, NewJob job) {
        return new InboundJob(
                id,
                job.tenantId(),
                job.storageKey(),
                job.messageType(),
                "running",
                1,
                job.maxAttempts(),
                null,
                Instant.now(),
                null,
                job.eventBody());
    }

    /** The id of a tenant's job for a storage key. */
    public Optional<UUID> idOf(UUID tenantId, String storageKey) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT id FROM jobs WHERE tenant_id = ? AND storage_key = ?")) {
            ps.setObject(1, tenantId);
            ps.setString(2, storageKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new RepositoryException(e);
        }
    }

    private static void bindNew(PreparedStatement ps, int offset, UUID id, NewJob job) throws SQLException {
        ps.setObject(offset + 1, id);
        ps.setObject(offset + 2, job.tenantId());
        ps.setString(offset + 3, job.storageKey());
        ps.setString(offset + 4, job.emailAccountId());
        ps.setString(offset + 5, job.messageType());
        ps.setString(offset + 6, job.payloadJson());
        ps.setString(offset + 7, job.eventBody());
        ps.setInt(offset + 8, job.maxAttempts());
    }

    /**
     * Claims due jobs for one relay: queued ones whose run time came, and running ones whose lease expired (their
     * relay died). Claiming pushes the run time out by the lease, so another replica skips them.
     */
    @Transactional
    public List<InboundJob> claimDue(int limit, Duration lease) {
        String sql = "UPDATE jobs SET status = 'running', attempt_count = attempt_count + 1, started = now(),"
                + " run = now() + ?::interval, updated = now() WHERE id IN (SELECT id FROM jobs"
                + " WHERE status IN ('queued', 'running') AND run <= now() ORDER BY priority, run LIMIT ?"
                + " FOR UPDATE SKIP LOCKED) RETURNING " + COLUMNS;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, lease.toMillis() + " milliseconds");
            ps.setInt(2, limit);
            return readAll(ps);
        } catch (SQLException e) {
            throw new RepositoryException(e);
        }
    }

    /**
     * Marks jobs published and logs their attempts, all in one transaction: one commit for a relay batch instead of
     * one per job, which would make the relay wait for a disk flush per message. The event bodies are no longer
     * needed. Nothing is weakened: a crash before this commit publishes the jobs again with the same {@code ce_id}s.
     */
    @Transactional
    public void markDone(List<Attempt> done) {
        if (done.isEmpty()) {
            return;
        }
        String sql = "UPDATE jobs SET status = 'done', completed = now(), event_body = NULL, last_error_message = NULL,"
                + " updated = now() WHERE id = ANY(?)";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(
                    1,
                    c.createArrayOf("uuid", done.stream().map(a -> a.job().id()).toArray()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new RepositoryException(e);
        }
        logAll(done, "done", "published");
    }

    /**
     * Gives back a job that could not be published because the broker was away: queued again after {@code delay},
     * with the attempt it used given back. No job log row: an outage is not an attempt of the job, and thousands of
     * jobs retry through one.
     */
    public void markUnpublished(InboundJob job, String error, Duration delay) {
        String sql = "UPDATE jobs SET status = 'queued', attempt_count = greatest(attempt_count - 1, 0),"
                + " run = now() + ?::interval, last_error_message = ?, updated = now() WHERE id = ? AND status = 'running'";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, delay.toMillis() + " milliseconds");
            ps.setString(2, error);
            ps.setObject(3, job.id());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new RepositoryException(e);
        }
    }

    /**
     * Records a failed attempt: back to the queue after {@code backoff}, or dead when attempts are used up. A job
     * already published stays done: an attempt that outlived its lease can fail after a later one succeeded.
     */
    @Transactional
    public void markFailed(Attempt attempt, String error, Duration backoff) {
        InboundJob job = attempt.job();
        boolean dead = job.attemptCount() >= job.maxAttempts();
        String sql = dead
                ? "UPDATE jobs SET status = 'dead', failed = now(), last_error_message = ?, updated = now()"
                        + " WHERE id = ? AND status <> 'done'"
                : "UPDATE jobs SET status = 'queued', run = now() + ?::interval, last_error_message = ?, updated = now()"
                        + " WHERE id = ? AND status <> 'done'";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (!dead) {
                ps.setString(i++, backoff.toMillis() + " milliseconds");
            }
            ps.setString(i++, error);
            ps.setObject(i, job.id());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new RepositoryException(e);
        }
        logAll(List.of(attempt), dead ? "dead" : "failed", error);
    }

    /** A job of a tenant. */
    public Optional<InboundJob> find(UUID tenantId, UUID id) {
        String sql = "SELECT " + COLUMNS + " FROM jobs WHERE tenant_id = ? AND id = ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, tenantId);
            ps.setObject(2, id);
            return readAll(ps).stream().findFirst();
        } catch (SQLException e) {
            throw new RepositoryException(e);
        }
    }

    /** The newest jobs of a tenant, optionally of one status. */
    public List<InboundJob> list(UUID tenantId, String status, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM jobs WHERE tenant_id = ? AND (?::text IS NULL OR status = ?)"
                + " ORDER BY created DESC LIMIT ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, tenantId);
            ps.setString(2, status);
            ps.setString(3, status);
            ps.setInt(4, limit);
            return readAll(ps);
        } catch (SQLException e) {
            throw new RepositoryException(e);
        }
    }

    /** Puts a dead job of a tenant back in the queue with fresh attempts; false when it is not dead. */
    @Transactional
    public boolean requeueDead(UUID tenantId, UUID id) {
        String sql = "UPDATE jobs SET status = 'queued', attempt_count = 0, run = now(), failed = NULL, updated = now()"
                + " WHERE tenant_id = ? AND id = ? AND status = 'dead'";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, tenantId);
            ps.setObject(2, id);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new RepositoryException(e);
        }
    }

    /** The attempts of a job, oldest first, as {@code status: message} lines. */
    public List<String> attempts(UUID jobId) {
        String sql =
                "SELECT attempt_number, status, log_message FROM job_logs WHERE job_id = ? ORDER BY attempt_number, created";
        List<String> lines = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add(rs.getInt(1) + " " + rs.getString(2) + ": " + rs.getString(3));
                }
            }
            return lines;
        } catch (SQLException e) {
            throw new RepositoryException(e);
        }
    }

    /** One attempt row per job, sent as one JDBC batch. */
    private void logAll(List<Attempt> logged, String status, String message) {
        String sql =
                "INSERT INTO job_logs (id, tenant_id, job_id, status, log_message, attempt_number, started, finished,"
                        + " duration) VALUES (?, ?, ?, ?, ?, ?, ?, now(), now() - ?)";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (Attempt attempt : logged) {
                InboundJob job = attempt.job();
                ps.setObject(1, UUID.randomUUID());
                ps.setObject(2, job.tenantId());
                ps.setObject(3, job.id());
                ps.setString(4, status);
                ps.setString(5, message);
                ps.setInt(6, job.attemptCount());
                ps.setTimestamp(7, Timestamp.from(attempt.started()));
                ps.setTimestamp(8, Timestamp.from(attempt.started()));
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new RepositoryException(e);
        }
    }

    private static List<InboundJob> readAll(PreparedStatement ps) throws SQLException {
        List<InboundJob> jobs = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                jobs.add(new InboundJob(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getInt(6),
                        rs.getInt(7),
                        rs.getString(8),
                        instant(rs.getTimestamp(9)),
                        instant(rs.getTimestamp(10)),
                        rs.getString(11)));
            }
        }
        return jobs;
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }

    /**
     * A job to record.
     *
     * @param payloadJson a small JSON summary of the message for operators
     * @param eventBody the mail event to publish
     */
    public record NewJob(
            UUID tenantId,
            String storageKey,
            String emailAccountId,
            String messageType,
            String payloadJson,
            String eventBody,
            int maxAttempts) {}

    /** One attempt at publishing a job: the job as claimed, and when the attempt began. */
    public record Attempt(InboundJob job, Instant started) {}
}
