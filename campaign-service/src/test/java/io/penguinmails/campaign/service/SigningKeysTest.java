package io.penguinmails.campaign.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.penguinmails.campaign.TestKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import java.util.Map;
import org.jose4j.jwk.RsaJsonWebKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {

    @TempDir
    Path temp;

    @Test
    void generatesAPrivateOwnerOnlyPairInAMissingFolder() throws Exception {
        Path dir = temp.resolve("nested/keys");

        SigningKeys keys = new SigningKeys(dir);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("private.pem"))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(dir.resolve("private.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(TestKeys.publicKey(dir.resolve("public.pem"))).isEqualTo(keys.publicKey());
        assertThat(keys.publicKey().getModulus().bitLength()).isEqualTo(2048);
    }

    @Test
    void generatedPrivateKeySignsWhatThePublicKeyVerifies() throws Exception {
        SigningKeys keys = new SigningKeys(temp);
        byte[] data = "payload".getBytes(StandardCharsets.UTF_8);

        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(keys.privateKey());
        signer.update(data);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(keys.publicKey());
        verifier.update(data);

        assertThat(verifier.verify(signature)).isTrue();
    }

    @Test
    void reusesThePairAlreadyOnDisk() {
        SigningKeys first = new SigningKeys(temp);

        SigningKeys second = new SigningKeys(temp);

        assertThat(second.publicKey()).isEqualTo(first.publicKey());
        assertThat(second.keyId()).isEqualTo(first.keyId());
    }

    @Test
    void loadsLocalInfrasTestPair() throws Exception {
        copyTestKey("private.pem");
        copyTestKey("public.pem");

        SigningKeys keys = new SigningKeys(temp);

        assertThat(keys.publicKey()).isEqualTo(TestKeys.testPublicKey());
    }

    @Test
    void refusesAFolderWithHalfAPair() throws Exception {
        copyTestKey("public.pem");

        assertThatThrownBy(() -> new SigningKeys(temp))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only one of private.pem and public.pem");
        assertThat(temp.resolve("private.pem")).doesNotExist();
    }

    @Test
    void refusesAFileThatIsNoKey() throws Exception {
        Files.writeString(
                temp.resolve("private.pem"), "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
        copyTestKey("public.pem");

        assertThatThrownBy(() -> new SigningKeys(temp))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is not an RSA PRIVATE KEY");
    }

    @Test
    void jwkDescribesThePublicKeyWithItsRfc7638Thumbprint() throws Exception {
        SigningKeys keys = new SigningKeys(temp);

        Map<String, String> jwk = keys.jwk();

        assertThat(jwk).containsEntry("kty", "RSA").containsEntry("use", "sig").containsEntry("alg", "RS256");
        assertThat(TestKeys.jwkInteger(jwk.get("n"))).isEqualTo(keys.publicKey().getModulus());
        assertThat(TestKeys.jwkInteger(jwk.get("e"))).isEqualTo(keys.publicKey().getPublicExponent());
        // jose4j, the library smallrye-jwt verifies with, computes the thumbprint independently.
        String expectedKid = new RsaJsonWebKey(keys.publicKey()).calculateBase64urlEncodedThumbprint("SHA-256");
        assertThat(jwk).containsEntry("kid", expectedKid);
    }

    private void copyTestKey(String name) throws Exception {
        try (var in = getClass().getClassLoader().getResourceAsStream("penguin/test-jwt/" + name)) {
            Files.copy(in, temp.resolve(name));
        }
    }
}
