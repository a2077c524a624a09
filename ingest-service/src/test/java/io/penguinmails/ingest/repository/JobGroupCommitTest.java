package io.penguinmails.ingest.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.penguinmails.contracts.StorageKeys;
import io.penguinmails.ingest.InboundJob;
import io.penguinmails.ingest.IngestTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Jobs of concurrent requests share a statement and a commit, and each request still gets exactly its own answer. */
@QuarkusTest
@QuarkusTestResource(
        value = IngestTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_queue_test"))
class JobGroupCommitTest {

    private static final int REQUESTS = 32;

    @Inject
    JobGroupCommit groupCommit;

    @Inject
    JobRepository jobs;

    @Inject
    DataSource dataSource;

    @Test
    void concurrentRequestsGetOneJobEachAndTheSameMessageTwiceIsOneJob() throws Exception {
        UUID tenant = UUID.randomUUID();
        List<JobRepository.NewJob> submitted = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            // Every fourth request repeats the first message, as a client retrying after a timeout would.
            submitted.add(job(tenant, i % 4 == 0 ? "message 0" : "message " + i));
        }

        List<Optional<InboundJob>> answers = concurrently(submitted);

        List<InboundJob> recorded = answers.stream().flatMap(Optional::stream).toList();
        assertThat(recorded).hasSize(REQUESTS - REQUESTS / 4 + 1);
        assertThat(recorded).extracting(InboundJob::storageKey).doesNotHaveDuplicates();
        assertThat(recorded).allSatisfy(job -> assertThat(job.status()).isEqualTo("running"));
        assertThat(jobsOf(tenant)).isEqualTo(recorded.size());
        assertThat(idsInDatabase(recorded))
                .containsExactlyInAnyOrderElementsOf(
                        recorded.stream().map(InboundJob::id).toList());
    }

    @Test
    void aJobTheDatabaseRefusesFailsItsOwnRequestOnly() throws Exception {
        UUID tenant = UUID.randomUUID();
        List<JobRepository.NewJob> submitted = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            submitted.add(job(tenant, "message " + i));
        }
        JobRepository.NewJob refused = refused(tenant);
        submitted.set(REQUESTS / 2, refused);

        List<Future<Optional<InboundJob>>> answers = submitAll(submitted);

        for (int i = 0; i < REQUESTS; i++) {
            Future<Optional<InboundJob>> answer = answers.get(i);
            if (i == REQUESTS / 2) {
                assertThatThrownBy(answer::get).hasCauseInstanceOf(RepositoryException.class);
            } else {
                assertThat(answer.get()).isPresent();
            }
        }
        assertThat(jobsOf(tenant)).isEqualTo(REQUESTS - 1);
    }

    @Test
    void oneStatementRecordsAGroupAllOrNothing() throws Exception {
        UUID tenant = UUID.randomUUID();
        JobRepository.NewJob first = job(tenant, "first");
        JobRepository.NewJob second = job(tenant, "second");

        List<Optional<InboundJob>> recorded =
                jobs.insertAllClaimed(List.of(first, second, first), Duration.ofMinutes(1));

        assertThat(recorded.get(0)).isPresent();
        assertThat(recorded.get(1)).isPresent();
        assertThat(recorded.get(2)).as("the same job twice in a group").isEmpty();
        assertThatThrownBy(() ->
                        jobs.insertAllClaimed(List.of(job(tenant, "third"), refused(tenant)), Duration.ofMinutes(1)))
                .isInstanceOf(RepositoryException.class);
        assertThat(jobsOf(tenant)).as("the refused group recorded nothing").isEqualTo(2);
    }

    private List<Optional<InboundJob>> concurrently(List<JobRepository.NewJob> submitted) throws Exception {
        List<Optional<InboundJob>> answers = new ArrayList<>();
        for (Future<Optional<InboundJob>> answer : submitAll(submitted)) {
            answers.add(answer.get());
        }
        return answers;
    }

    /** Submits every job from its own thread, all released at once. */
    private List<Future<Optional<InboundJob>>> submitAll(List<JobRepository.NewJob> submitted) {
        ExecutorService threads = Executors.newFixedThreadPool(submitted.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Optional<InboundJob>>> answers = new ArrayList<>();
        for (JobRepository.NewJob job : submitted) {
            Callable<Optional<InboundJob>> request = () -> {
                start.await();
                return groupCommit.insertClaimed(job);
            };
            answers.add(threads.submit(request));
        }
        start.countDown();
        threads.shutdown();
        return answers;
    }

    private static JobRepository.NewJob job(UUID tenant, String raw) {
        String storageKey = StorageKeys.forRawMessage(tenant.toString(), raw.getBytes(StandardCharsets.UTF_8));
        return new JobRepository.NewJob(tenant, storageKey, null, "email", "{}", "{\"raw\":\"" + raw + "\"}", 5);
    }

    /** A storage key longer than its column: PostgreSQL refuses the row. */
    private static JobRepository.NewJob refused(UUID tenant) {
        return new JobRepository.NewJob(tenant, "raw_" + "0".repeat(120), null, "email", "{}", "{}", 5);
    }

    private long jobsOf(UUID tenant) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM jobs WHERE tenant_id = ?")) {
            ps.setObject(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private List<UUID> idsInDatabase(List<InboundJob> recorded) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id FROM jobs WHERE id = ANY (?)")) {
            ps.setArray(
                    1,
                    c.createArrayOf(
                            "uuid", recorded.stream().map(InboundJob::id).toArray()));
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            return ids;
        }
    }
}
