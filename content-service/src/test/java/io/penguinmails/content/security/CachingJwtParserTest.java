package io.penguinmails.content.security;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.penguinmails.content.ContentTestResource;
import io.penguinmails.infra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A remembered token is the same bytes that were verified, and it stops working at its expiry. */
@QuarkusTest
@QuarkusTestResource(
        value = ContentTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_content_test"))
class CachingJwtParserTest {

    @Test
    void rememberedTokenIsRefusedFromItsExpiryOn() {
        String token = TestTokens.expiringIn(UUID.randomUUID().toString(), 3);
        given().auth().oauth2(token).get("/v1/storage/stats").then().statusCode(200);
        given().auth().oauth2(token).get("/v1/storage/stats").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> given().auth()
                        .oauth2(token)
                        .get("/v1/storage/stats")
                        .then()
                        .statusCode(401));
    }

    @Test
    void alteredCopyOfARememberedTokenIsRefused() {
        String token = TestTokens.forTenant(UUID.randomUUID().toString());
        given().auth().oauth2(token).get("/v1/storage/stats").then().statusCode(200);
        String otherTenant = TestTokens.forTenant(UUID.randomUUID().toString());
        // The claims of one token under the signature of another: both signatures were verified, this pair never was.
        String spliced =
                token.substring(0, token.lastIndexOf('.')) + otherTenant.substring(otherTenant.lastIndexOf('.'));
        given().auth().oauth2(spliced).get("/v1/storage/stats").then().statusCode(401);
    }
}
