package io.penguinmails.campaign.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.penguinmails.campaign.KeyDirResource;
import io.penguinmails.campaign.TestApi;
import io.penguinmails.campaign.TestKeys;
import io.penguinmails.infra.PenguinTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(
        value = PenguinTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_oltp_test"))
@QuarkusTestResource(KeyDirResource.class)
class JwksResourceTest {

    @Test
    void publishesTheVerificationKeyWithoutAuthentication() throws Exception {
        JsonPath jwks = given().get("/.well-known/jwks.json")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .extract()
                .jsonPath();
        List<Map<String, String>> keys = jwks.getList("keys");
        RSAPublicKey expected = TestKeys.testPublicKey();

        assertThat(keys).singleElement().satisfies(jwk -> {
            assertThat(jwk)
                    .containsEntry("kty", "RSA")
                    .containsEntry("use", "sig")
                    .containsEntry("alg", "RS256");
            assertThat(TestKeys.jwkInteger(jwk.get("n"))).isEqualTo(expected.getModulus());
            assertThat(TestKeys.jwkInteger(jwk.get("e"))).isEqualTo(expected.getPublicExponent());
        });
    }

    @Test
    void issuedTokensNameThePublishedKey() {
        String kid = given().get("/.well-known/jwks.json").then().extract().path("keys[0].kid");
        String token = TestApi.issueToken(TestApi.createTenant("Kid Check"));
        String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);

        assertThat(JsonPath.from(header).getString("kid")).isEqualTo(kid);
    }
}
