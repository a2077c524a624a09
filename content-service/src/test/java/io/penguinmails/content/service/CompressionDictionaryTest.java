package io.penguinmails.content.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.penguinmails.content.CampaignMail;
import io.penguinmails.content.ContentTestResource;
import io.penguinmails.content.PreparedMessage;
import io.penguinmails.contracts.CloudEvent;
import io.penguinmails.contracts.MailEvent;
import io.penguinmails.contracts.OutboundMailEvent;
import io.penguinmails.contracts.Topics;
import io.penguinmails.infra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(
        value = ContentTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_content_test"))
class CompressionDictionaryTest {

    @Inject
    MessageStorageService storage;

    @Inject
    DictionaryTrainer trainer;

    @Inject
    RetentionService retention;

    @Inject
    DataSource dataSource;

    @Test
    void aRowWrittenWithDictionaryV1StillReadsAfterV2IsTrained() throws Exception {
        String tenant = UUID.randomUUID().toString();
        CampaignMail mail = new CampaignMail(tenant, 1);
        store(mail.mix(250, 4));
        assertThat(trainer.trainDue()).isGreaterThanOrEqualTo(1);
        long v1 = dictionaryId(tenant, 1);

        CampaignMail.Send sentWithV1 = mail.send(1);
        MailEvent replyWithV1 = mail.reply(sentWithV1);
        store(List.of(sentWithV1.event(), replyWithV1));
        assertThat(algorithm(sentWithV1.event().storageKey())).isEqualTo("zstd-dict:" + v1);
        assertThat(algorithm(replyWithV1.storageKey())).isEqualTo("zstd-dict:" + v1);

        long v2 = trainer.train(UUID.fromString(tenant)).orElseThrow();
        assertThat(v2).isNotEqualTo(v1).isEqualTo(dictionaryId(tenant, 2));
        CampaignMail.Send sentWithV2 = mail.send(2);
        store(List.of(sentWithV2.event()));
        assertThat(algorithm(sentWithV2.event().storageKey())).isEqualTo("zstd-dict:" + v2);

        String token = TestTokens.forTenant(tenant);
        for (OutboundMailEvent sent : List.of(sentWithV1.event(), sentWithV2.event())) {
            given().auth()
                    .oauth2(token)
                    .get("/v1/messages/" + sent.storageKey())
                    .then()
                    .statusCode(200)
                    .body("content_text", org.hamcrest.Matchers.equalTo(sent.text()))
                    .body("content_html", org.hamcrest.Matchers.equalTo(sent.html()));
        }
        byte[] raw = given().auth()
                .oauth2(token)
                .get("/v1/messages/" + replyWithV1.storageKey() + "/raw")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        assertThat(raw).isEqualTo(Base64.getDecoder().decode(replyWithV1.rawBase64()));
        given().auth()
                .oauth2(token)
                .get("/v1/messages/" + replyWithV1.storageKey())
                .then()
                .statusCode(200)
                .body("content_text", org.hamcrest.Matchers.equalTo(replyWithV1.text()))
                .body("headers.name", org.hamcrest.Matchers.hasItem("In-Reply-To"));
    }

    @Test
    void aDictionarySavesMoreThanPlainZstdAndTinyValuesStayAsTheyAre() throws Exception {
        String tenant = UUID.randomUUID().toString();
        CampaignMail mail = new CampaignMail(tenant, 2);
        List<Object> before = mail.mix(250, 4);
        store(before);
        trainer.train(UUID.fromString(tenant)).orElseThrow();
        List<Object> after = mail.mix(250, 4);
        store(after);
        double plain = savedRatio(tenant, "zstd");
        double dictionary = savedRatio(tenant, "zstd-dict:%");
        assertThat(plain).isPositive();
        assertThat(dictionary).isGreaterThan(plain);

        OutboundMailEvent tiny = new OutboundMailEvent(
                1,
                io.penguinmails.contracts.StorageKeys.forMessageId(tenant, "acct-0", "<tiny@acme.example>"),
                tenant,
                "acct-0",
                null,
                null,
                null,
                "<tiny@acme.example>",
                new MailEvent.Address("sam@acme.example", null),
                List.of(new MailEvent.Address("ada@example.org", null)),
                "Hi",
                "Hi",
                null,
                "sent",
                Instant.now());
        store(List.of(tiny));
        assertThat(algorithm(tiny.storageKey())).isEqualTo("none");
        given().auth()
                .oauth2(TestTokens.forTenant(tenant))
                .get("/v1/messages/" + tiny.storageKey())
                .then()
                .statusCode(200)
                .body("content_text", org.hamcrest.Matchers.equalTo("Hi"));
    }

    @Test
    void theRetentionPurgeDeletesASupersededDictionaryOnceNoRowNamesItButNeverTheNewest() throws Exception {
        String tenant = UUID.randomUUID().toString();
        CampaignMail mail = new CampaignMail(tenant, 3);
        store(mail.mix(250, 4));
        long v1 = trainer.train(UUID.fromString(tenant)).orElseThrow();
        CampaignMail.Send sentWithV1 = mail.send(1);
        store(List.of(sentWithV1.event()));
        long v2 = trainer.train(UUID.fromString(tenant)).orElseThrow();

        supersededAgo(v2, "2 hours");
        retention.purge();
        assertThat(dictionaries(tenant)).as("v1 still names a row").containsExactly(v1, v2);

        update("UPDATE email_content SET expires = now() - interval '1 day' WHERE tenant_id = ?::uuid", tenant);
        update("UPDATE shared_contents SET expires = now() - interval '1 day' WHERE tenant_id = ?::uuid", tenant);
        supersededAgo(v2, "1 second");
        assertThat(retention.purge().messages()).isGreaterThanOrEqualTo(251);
        assertThat(dictionaries(tenant))
                .as("replicas may still compress with v1 for a while after v2 was trained")
                .containsExactly(v1, v2);

        supersededAgo(v2, "2 hours");
        assertThat(retention.purge().dictionaries()).isGreaterThanOrEqualTo(1);
        assertThat(dictionaries(tenant))
                .as("v2 names no row either, but it is the one writers use")
                .containsExactly(v2);
    }

    private void supersededAgo(long dictionaryId, String interval) throws Exception {
        update(
                "UPDATE compression_dictionaries SET created = now() - interval '" + interval + "' WHERE id = ?",
                dictionaryId);
    }

    private List<Long> dictionaries(String tenant) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT id FROM compression_dictionaries WHERE tenant_id = ?::uuid ORDER BY version")) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    private void update(String sql, Object parameter) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, parameter);
            assertThat(ps.executeUpdate()).isPositive();
        }
    }

    private void store(List<?> events) {
        List<PreparedMessage> prepared = events.stream()
                .map(e -> e instanceof MailEvent m
                        ? storage.prepareInbound(envelope(m.tenantId()), Topics.MAIL_INBOUND, m)
                        : storage.prepareOutbound(envelope(((OutboundMailEvent) e).tenantId()), (OutboundMailEvent) e))
                .toList();
        assertThat(storage.store(prepared)).isEqualTo(events.size());
    }

    private static CloudEvent envelope(String tenant) {
        return new CloudEvent(UUID.randomUUID().toString(), "io.penguinmails.test.v1", "/test", Instant.now(), tenant);
    }

    private String algorithm(String storageKey) throws Exception {
        return query("SELECT compression_algorithm FROM email_content WHERE storage_key = ?", storageKey);
    }

    private long dictionaryId(String tenant, int version) throws Exception {
        return Long.parseLong(query(
                "SELECT id::text FROM compression_dictionaries WHERE tenant_id = ?::uuid AND version = " + version,
                tenant));
    }

    private double savedRatio(String tenant, String algorithm) throws Exception {
        return Double.parseDouble(query(
                "SELECT (1 - sum(coalesce(octet_length(s.raw_message), 0) + octet_length(s.bodies))::float"
                        + " / sum(CASE WHEN s.raw_message IS NULL THEN 0 ELSE c.raw_size_bytes END + c.body_size_bytes))::text"
                        + " FROM email_content c JOIN shared_contents s ON s.tenant_id = c.tenant_id"
                        + " AND s.content_hash = c.content_hash WHERE c.tenant_id = ?::uuid AND c.compression_algorithm LIKE '"
                        + algorithm + "'",
                tenant));
    }

    private String query(String sql, String parameter) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }
}
