package io.penguinmails.ingest.importer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.penguinmails.infra.TestTokens;
import io.penguinmails.ingest.IngestTestResource;
import io.penguinmails.ingest.service.importer.ImportProgress;
import io.penguinmails.ingest.service.importer.ImportReport;
import io.penguinmails.ingest.service.importer.ImportRequest;
import io.penguinmails.ingest.service.importer.ImportService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(
        value = IngestTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_queue_test"))
class ImportServiceTest {

    @Inject
    ImportService importer;

    @Test
    void mboxImportAcceptsEveryMessageRefusesTheJunkAndWaitsUntilPublished() throws Exception {
        UUID tenant = UUID.randomUUID();
        Recorder progress = new Recorder();
        ImportReport report = importer.run(request(tenant, "mbox/archive.mbox", false), progress);

        assertThat(report.kind()).isEqualTo("mbox");
        assertThat(report.total()).isEqualTo(4);
        assertThat(report.accepted()).isEqualTo(3);
        assertThat(report.duplicates()).isZero();
        assertThat(report.refused()).isEqualTo(1);
        assertThat(report.refusedByReason()).isEqualTo(Map.of("not a message", 1L));
        assertThat(report.refusals()).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("0000000003");
            assertThat(r.reason()).startsWith("not a message: ");
        });
        assertThat(report.published()).isEqualTo(3);
        assertThat(report.pending()).isZero();
        assertThat(report.complete()).isFalse();
        assertThat(jobStatuses(tenant)).containsExactly("done", "done", "done");
        assertThat(progress.fractions).hasSize(4).isSorted().last().isEqualTo(1.0);
        assertThat(progress.lastPublished).isEqualTo("3/3");
    }

    @Test
    void aSecondRunSkipsWhatTheFirstFinishedAndARestartFindsOnlyDuplicates() throws Exception {
        UUID tenant = UUID.randomUUID();
        importer.run(request(tenant, "mbox/archive.mbox", false), ImportProgress.NONE);

        ImportReport resumed = importer.run(request(tenant, "mbox/archive.mbox", false), ImportProgress.NONE);
        assertThat(resumed.total()).isZero();
        assertThat(resumed.skipped()).isEqualTo(4);

        ImportReport restarted = importer.run(request(tenant, "mbox/archive.mbox", true), ImportProgress.NONE);
        assertThat(restarted.total()).isEqualTo(4);
        assertThat(restarted.accepted()).isZero();
        assertThat(restarted.duplicates()).isEqualTo(3);
        assertThat(restarted.refused()).isEqualTo(1);
        assertThat(restarted.published()).isEqualTo(3);
        assertThat(jobStatuses(tenant)).hasSize(3);
    }

    @Test
    void maildirImportReadsCurAndNewAndKnowsTheMessageTheMboxAlreadyBrought() throws Exception {
        UUID tenant = UUID.randomUUID();
        importer.run(request(tenant, "mbox/archive.mbox", false), ImportProgress.NONE);

        ImportReport report = importer.run(request(tenant, "maildir", false), ImportProgress.NONE);
        assertThat(report.kind()).isEqualTo("maildir");
        assertThat(report.total()).isEqualTo(3);
        assertThat(report.accepted()).isEqualTo(2);
        assertThat(report.duplicates()).isEqualTo(1);
        assertThat(report.complete()).isTrue();
        assertThat(jobStatuses(tenant)).hasSize(5);
    }

    @Test
    void folderOfEmlFilesImportsOnlyItsEmlFiles() throws Exception {
        UUID tenant = UUID.randomUUID();
        ImportReport report = importer.run(request(tenant, "mail", false), ImportProgress.NONE);
        assertThat(report.kind()).isEqualTo("eml");
        assertThat(report.total()).isEqualTo(4);
        assertThat(report.accepted()).isEqualTo(4);
        assertThat(report.complete()).isTrue();
    }

    static ImportRequest request(UUID tenant, String resource, boolean restart) {
        return new ImportRequest(path(resource), tenant, "acct-archive", restart, Duration.ofSeconds(30));
    }

    static Path path(String resource) {
        try {
            return Path.of(ImportServiceTest.class
                    .getClassLoader()
                    .getResource(resource)
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> jobStatuses(UUID tenant) {
        return given().auth()
                .oauth2(TestTokens.forTenant(tenant.toString()))
                .get("/v1/jobs")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("jobs.status", String.class);
    }

    /** Keeps what the importer reported along the way. */
    private static final class Recorder implements ImportProgress {
        private final List<Double> fractions = new ArrayList<>();
        private String lastPublished;

        @Override
        public void reading(double fraction, ImportReport soFar) {
            fractions.add(fraction);
        }

        @Override
        public void publishing(long finished, long total) {
            lastPublished = finished + "/" + total;
        }
    }
}
