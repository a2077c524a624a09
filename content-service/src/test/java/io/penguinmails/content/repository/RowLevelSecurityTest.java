package io.penguinmails.content.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.penguinmails.content.CampaignMail;
import io.penguinmails.content.ContentTestResource;
import io.penguinmails.content.service.MessageStorageService;
import io.penguinmails.contracts.CloudEvent;
import io.penguinmails.contracts.OutboundMailEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(
        value = ContentTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_content_test"))
class RowLevelSecurityTest {

    @Inject
    TenantScope scope;

    @Inject
    MessageStorageService storage;

    @Inject
    DataSource dataSource;

    @Test
    void everyTenantTableForcesRowLevelSecurity() throws Exception {
        // Every table with a tenant_id column, so a table added later cannot be forgotten.
        List<String> tenantTables = QuarkusTransaction.requiringNew().call(this::tablesWithATenantColumn);
        assertThat(tenantTables).contains("email_messages", "email_content", "shared_contents", "attachment_blobs");
        for (String table : tenantTables) {
            assertThat(QuarkusTransaction.requiringNew()
                            .call(() -> longValue(
                                    "SELECT count(*) FROM pg_class WHERE relname = ? AND relrowsecurity"
                                            + " AND relforcerowsecurity",
                                    table)))
                    .as(table)
                    .isEqualTo(1);
        }
    }

    @Test
    void aTransactionWithoutTheTenantSettingSeesNoRows() {
        UUID a = UUID.randomUUID();
        String key = storeOne(a);
        assertThat(asSuperuser("SELECT count(*) FROM email_messages WHERE storage_key = ?", key))
                .isEqualTo(1);
        long seen = QuarkusTransaction.requiringNew().call(() -> {
            execute("SET LOCAL ROLE " + TenantScope.APP_ROLE);
            return longValue("SELECT count(*) FROM email_messages WHERE storage_key = ?", key)
                    + longValue("SELECT count(*) FROM email_content WHERE storage_key = ?", key)
                    + longValue("SELECT count(*) FROM processed_events WHERE tenant_id = ?::uuid", a.toString())
                    + longValue("SELECT count(*) FROM storage_daily WHERE tenant_id = ?::uuid", a.toString());
        });
        assertThat(seen).isZero();
    }

    @Test
    void tenantAsScopeCannotReadOrWriteTenantBsRowsEvenNamingThem() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        String keyOfA = storeOne(a);
        String keyOfB = storeOne(b);
        assertThat(scope.call(a, () -> longValue("SELECT count(*) FROM email_messages WHERE storage_key = ?", keyOfA)))
                .isEqualTo(1);
        assertThat(scope.call(a, () -> longValue("SELECT count(*) FROM email_messages WHERE storage_key = ?", keyOfB)))
                .isZero();
        assertThat(scope.call(
                        a,
                        () -> longValue("SELECT count(*) FROM email_content WHERE tenant_id = ?::uuid", b.toString())))
                .isZero();
        assertThat(scope.call(
                        a, () -> update("UPDATE email_messages SET status = 'tampered' WHERE storage_key = ?", keyOfB)))
                .isZero();
        assertThat(scope.call(a, () -> update("DELETE FROM email_content WHERE storage_key = ?", keyOfB)))
                .isZero();
        assertThatThrownBy(() -> scope.call(
                        a,
                        () -> update(
                                "INSERT INTO processed_events (event_id, tenant_id, topic) VALUES (?, '" + b
                                        + "', 'forged')",
                                UUID.randomUUID().toString())))
                .hasStackTraceContaining("row-level security");
        assertThat(asSuperuser("SELECT count(*) FROM email_messages WHERE storage_key = ? AND status = 'sent'", keyOfB))
                .isEqualTo(1);
    }

    @Test
    void aTenantScopeNeedsATransaction() {
        assertThatThrownBy(() -> scope.enter(UUID.randomUUID())).isInstanceOf(IllegalStateException.class);
    }

    private String storeOne(UUID tenant) {
        OutboundMailEvent sent = new CampaignMail(tenant.toString(), 3).send(0).event();
        CloudEvent envelope = new CloudEvent(
                UUID.randomUUID().toString(), "io.penguinmails.test.v1", "/test", Instant.now(), tenant.toString());
        storage.store(List.of(storage.prepareOutbound(envelope, sent)));
        return sent.storageKey();
    }

    private long asSuperuser(String sql, String parameter) {
        return QuarkusTransaction.requiringNew().call(() -> longValue(sql, parameter));
    }

    private long longValue(String sql, String parameter) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private int update(String sql, String parameter) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> tablesWithATenantColumn() throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT table_name FROM information_schema.columns"
                        + " WHERE table_schema = 'public' AND column_name = 'tenant_id' ORDER BY 1");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    private void execute(String sql) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
