package io.penguinmails.campaign.service.lead;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.penguinmails.campaign.KeyDirResource;
import io.penguinmails.campaign.TestApi;
import io.penguinmails.campaign.config.WorkspaceConfig;
import io.penguinmails.campaign.repository.LeadRepository;
import io.penguinmails.campaign.rest.LeadImports;
import io.penguinmails.infra.PenguinTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(
        value = PenguinTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_oltp_test"))
@QuarkusTestResource(KeyDirResource.class)
class LeadImportWorkerTest {

    private static final String CSV = "email,first_name\n"
            + "r1@example.com,One\nr2@example.com,Two\nbad-address,Three\nr4@example.com,Four\nr1@example.com,Again\n";

    @Inject
    DataSource dataSource;

    @Inject
    LeadRepository leads;

    @Inject
    WorkspaceConfig config;

    @Test
    void anImportAbandonedMidwayIsResumedAfterItsLastCommittedRowWithoutImportingARowTwice() throws Exception {
        UUID tenantId = UUID.fromString(TestApi.createTenant("Crashed import"));
        UUID listId = leads.ensureList(tenantId, "resumed");
        // What a worker that died after its first batch (rows 1-2) leaves behind: those leads, their counters and an
        // expired lease held by a process that no longer exists.
        leads.upsertIntoList(
                tenantId,
                listId,
                List.of(
                        new LeadRow("r1@example.com", "One", null, null, null, null, java.util.Map.of()),
                        new LeadRow("r2@example.com", "Two", null, null, null, null, java.util.Map.of())));
        UUID importId = abandonedImport(tenantId, listId);

        await().atMost(Duration.ofSeconds(30)).until(() -> "completed".equals(column(importId, "status")));

        assertThat(column(importId, "processed_rows")).isEqualTo("5");
        assertThat(column(importId, "imported")).isEqualTo("3");
        assertThat(column(importId, "duplicates")).isEqualTo("0");
        assertThat(column(importId, "rejected")).isEqualTo("2");
        assertThat(column(importId, "body")).isNull();
        assertThat(count("SELECT count(*) FROM leads WHERE tenant_id = ?", tenantId))
                .isEqualTo(3);
        assertThat(count("SELECT count(*) FROM lead_list_members WHERE tenant_id = ?", tenantId))
                .isEqualTo(3);
        assertThat(count("SELECT count(*) FROM lead_import_rejects WHERE tenant_id = ?", tenantId))
                .isEqualTo(2);
        // Row 5 repeats row 1, which the first worker committed: the resumed reader still knows it was in the file.
        assertThat(rejectReason(importId, 5)).isEqualTo("duplicate e-mail in the file (first at row 1)");
        assertThat(rejectReason(importId, 3)).isEqualTo("invalid e-mail syntax: bad-address");
    }

    @Test
    void progressIsVisibleThroughTheApiWhileAnImportRuns() throws Exception {
        String tenant = TestApi.createTenant("Watched import");
        String token = TestApi.issueToken(tenant);
        int batch = config.leadImport().batchSize();
        // Two batches; the first row of the second is an address the tenant already has, whose row this test locks, so
        // the worker commits the first batch and then waits in the second until the lock is released.
        leads.upsertIntoList(
                UUID.fromString(tenant),
                leads.ensureList(UUID.fromString(tenant), "earlier"),
                List.of(new LeadRow("held@example.com", "Held", null, null, null, null, Map.of())));
        StringBuilder csv = new StringBuilder("email,first_name\n");
        for (int row = 1; row <= 2 * batch; row++) {
            csv.append(row == batch + 1 ? "held@example.com" : "p" + row + "@example.com")
                    .append(",P")
                    .append(row)
                    .append('\n');
        }
        String importId;
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            lockLead(lock, tenant, "held@example.com");
            importId = submit(token, csv.toString());

            JsonPath midway = LeadImports.awaitImport(token, importId, status -> status.getInt("processed") == batch);
            assertThat(midway.getString("status")).isEqualTo("running");
            assertThat(midway.getInt("total")).isEqualTo(2 * batch);
            assertThat(midway.getInt("imported")).isEqualTo(batch);
            assertThat(midway.getString("finished")).isNull();
            lock.rollback();
        }

        JsonPath done =
                LeadImports.awaitImport(token, importId, status -> "completed".equals(status.getString("status")));
        assertThat(done.getInt("processed")).isEqualTo(2 * batch);
        assertThat(done.getInt("imported")).isEqualTo(2 * batch - 1);
        assertThat(done.getInt("duplicates")).isEqualTo(1);
        assertThat(done.getInt("rejected")).isZero();
        assertThat(done.getString("finished")).isNotNull();
    }

    private void lockLead(Connection connection, String tenant, String email) throws Exception {
        try (PreparedStatement lock =
                connection.prepareStatement("SELECT id FROM leads WHERE tenant_id = ? AND email = ? FOR UPDATE")) {
            lock.setObject(1, UUID.fromString(tenant));
            lock.setString(2, email);
            try (ResultSet rs = lock.executeQuery()) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    private static String submit(String token, String csv) {
        return given().auth()
                .oauth2(token)
                .contentType("text/csv")
                .queryParam("list", "watched")
                .body(csv)
                .post("/v1/leads/import")
                .then()
                .statusCode(202)
                .extract()
                .path("import_id");
    }

    private UUID abandonedImport(UUID tenantId, UUID listId) throws Exception {
        UUID id = UUID.randomUUID();
        String sql = "INSERT INTO lead_imports (id, tenant_id, list_id, status, body, total, processed_rows, imported,"
                + " started, lease_owner, lease_until) VALUES (?, ?, ?, 'running', ?, 5, 2, 2, now(), ?,"
                + " now() - interval '1 minute')";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setObject(1, id);
            insert.setObject(2, tenantId);
            insert.setObject(3, listId);
            insert.setBytes(4, CSV.getBytes(StandardCharsets.UTF_8));
            insert.setObject(5, UUID.randomUUID());
            insert.executeUpdate();
        }
        return id;
    }

    private String column(UUID importId, String column) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select =
                        connection.prepareStatement("SELECT " + column + "::text FROM lead_imports WHERE id = ?")) {
            select.setObject(1, importId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private String rejectReason(UUID importId, int row) throws Exception {
        String sql = "SELECT reason FROM lead_import_rejects WHERE import_id = ? AND row_number = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, importId);
            select.setInt(2, row);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private int count(String sql, UUID tenantId) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, tenantId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
