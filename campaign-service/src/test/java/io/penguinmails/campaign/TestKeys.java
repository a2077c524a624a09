package io.penguinmails.campaign;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Reads public keys the way a verifier would, to compare them with what the service publishes. */
public final class TestKeys {

    private TestKeys() {}

    /** local-infra's test public key. */
    public static RSAPublicKey testPublicKey() throws IOException, GeneralSecurityException {
        try (InputStream in = TestKeys.class.getClassLoader().getResourceAsStream("penguin/test-jwt/public.pem")) {
            return parse(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        }
    }

    /** The public key in a PEM file. */
    public static RSAPublicKey publicKey(Path pem) throws IOException, GeneralSecurityException {
        return parse(Files.readString(pem, StandardCharsets.US_ASCII));
    }

    /** The integer of a base64url JWK member such as {@code n}. */
    public static BigInteger jwkInteger(String base64url) {
        return new BigInteger(1, Base64.getUrlDecoder().decode(base64url));
    }

    private static RSAPublicKey parse(String pem) throws GeneralSecurityException {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(base64);
        return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    }
}
