package io.penguinmails.campaign.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.penguinmails.campaign.KeyDirResource;
import io.penguinmails.campaign.TestApi;
import io.penguinmails.campaign.TestKeys;
import io.penguinmails.infra.PenguinTestResource;
import io.penguinmails.infra.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Starts the service with an empty key folder, as on a first deployment: the pair generated at start-up must be in
 * place before smallrye-jwt first reads {@code public.pem}, so the tokens the service issues verify.
 */
@QuarkusTest
@TestProfile(GeneratedKeysTest.EmptyKeyDir.class)
class GeneratedKeysTest {

    /** The usual database and broker, and a key folder that does not exist yet. */
    public static class EmptyKeyDir implements QuarkusTestProfile {

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(
                    new TestResourceEntry(PenguinTestResource.class, Map.of("database", "penguin_oltp_test")),
                    new TestResourceEntry(KeyDirResource.class, Map.of("keys", "none")));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @ConfigProperty(name = "penguin.jwt.key-dir")
    String keyDir;

    @Test
    void generatesThePairAtStartUpOwnerOnly() throws Exception {
        Path privateKey = Path.of(keyDir, "private.pem");

        assertThat(Path.of(keyDir, "public.pem")).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateKey)))
                .isEqualTo("rw-------");
    }

    @Test
    void tokensIssuedWithTheGeneratedKeyVerify() {
        String id = TestApi.createTenant("First Start");

        given().auth()
                .oauth2(TestApi.issueToken(id))
                .get("/v1/tenants/me")
                .then()
                .statusCode(200)
                .body("id", equalTo(id));
    }

    @Test
    void jwksPublishesTheGeneratedKeyAndNotTheTestKey() throws Exception {
        String n = given().get("/.well-known/jwks.json")
                .then()
                .statusCode(200)
                .extract()
                .path("keys[0].n");

        assertThat(TestKeys.jwkInteger(n))
                .isEqualTo(TestKeys.publicKey(Path.of(keyDir, "public.pem")).getModulus());
        assertThat(TestKeys.jwkInteger(n)).isNotEqualTo(TestKeys.testPublicKey().getModulus());
    }

    @Test
    void tokensOfAnotherKeyAreRefused() {
        String id = TestApi.createTenant("Other Key");

        given().auth()
                .oauth2(TestTokens.forTenant(id))
                .get("/v1/tenants/me")
                .then()
                .statusCode(401);
    }
}
