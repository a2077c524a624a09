package io.penguinmails.campaign.service;

import io.penguinmails.campaign.config.CampaignConfig;
import io.quarkus.runtime.Startup;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The RSA key pair that signs tenant tokens, kept as {@code private.pem} (PKCS#8) and {@code public.pem} (X.509) in
 * the key folder and generated there when neither exists. It is created at start-up, which Quarkus runs before the HTTP
 * server opens, so the public key file that smallrye-jwt reads on the first request is always in place.
 */
@Startup
@Singleton
public class SigningKeys {

    /** The private key file in the key folder. */
    public static final String PRIVATE_KEY_FILE = "private.pem";
    /** The public key file in the key folder; {@code mp.jwt.verify.publickey.location} points at it. */
    public static final String PUBLIC_KEY_FILE = "public.pem";

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);
    private static final int KEY_BITS = 2048;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final RSAPrivateKey privateKey;
    private final RSAPublicKey publicKey;
    private final String keyId;

    @Inject
    SigningKeys(CampaignConfig config) {
        this(Path.of(config.jwt().keyDir()));
    }

    SigningKeys(Path keyDir) {
        Path privateFile = keyDir.resolve(PRIVATE_KEY_FILE);
        Path publicFile = keyDir.resolve(PUBLIC_KEY_FILE);
        createIfAbsent(keyDir, privateFile, publicFile);
        this.privateKey = readPrivate(privateFile);
        this.publicKey = readPublic(publicFile);
        this.keyId = thumbprint(publicKey);
        LOG.infof("token signing key %s loaded from %s", keyId, keyDir.toAbsolutePath());
    }

    /** The key that signs tokens. */
    public RSAPrivateKey privateKey() {
        return privateKey;
    }

    /** The key that verifies tokens. */
    public RSAPublicKey publicKey() {
        return publicKey;
    }

    /** The {@code kid} of the key: its RFC 7638 thumbprint, the same on every replica that shares the pair. */
    public String keyId() {
        return keyId;
    }

    /** The public key as a JSON Web Key (RFC 7517) for RS256 signature verification. */
    public Map<String, String> jwk() {
        Map<String, String> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("kid", keyId);
        jwk.put("use", "sig");
        jwk.put("alg", "RS256");
        jwk.put("n", base64url(publicKey.getModulus()));
        jwk.put("e", base64url(publicKey.getPublicExponent()));
        return jwk;
    }

    private static void createIfAbsent(Path keyDir, Path privateFile, Path publicFile) {
        boolean hasPrivate = Files.exists(privateFile);
        boolean hasPublic = Files.exists(publicFile);
        if (hasPrivate && hasPublic) {
            return;
        }
        if (hasPrivate || hasPublic) {
            // Generating a new pair here would silently invalidate every token already issued.
            throw new IllegalStateException(keyDir.toAbsolutePath() + " holds only one of " + PRIVATE_KEY_FILE + " and "
                    + PUBLIC_KEY_FILE + "; restore the other, or remove both to generate a new pair");
        }
        KeyPair pair = generate();
        try {
            Files.createDirectories(keyDir);
            write(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()), false);
            write(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the signing key pair to " + keyDir.toAbsolutePath(), e);
        }
        LOG.infof("generated a new token signing key pair in %s", keyDir.toAbsolutePath());
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_BITS);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM provides RSA", e);
        }
    }

    /** Writes through a temporary file so that a reader never sees half a key; a secret one is readable by us only. */
    private static void write(Path target, String content, boolean secret) throws IOException {
        Path temp = Files.createTempFile(
                target.getParent(), target.getFileName().toString(), ".tmp", permissions(target, secret));
        Files.writeString(temp, content, StandardCharsets.US_ASCII);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private static FileAttribute<?>[] permissions(Path target, boolean secret) {
        boolean posix = target.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!posix) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--"))
        };
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static RSAPrivateKey readPrivate(Path file) {
        try {
            return (RSAPrivateKey)
                    KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(file, "PRIVATE KEY")));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw notAKey(file, "PRIVATE KEY", e);
        }
    }

    private static RSAPublicKey readPublic(Path file) {
        try {
            return (RSAPublicKey)
                    KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(file, "PUBLIC KEY")));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw notAKey(file, "PUBLIC KEY", e);
        }
    }

    private static byte[] der(Path file, String type) {
        try {
            String base64 = Files.readString(file, StandardCharsets.US_ASCII)
                    .replace("-----BEGIN " + type + "-----", "")
                    .replace("-----END " + type + "-----", "")
                    .replaceAll("\\s", "");
            return Base64.getDecoder().decode(base64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.toAbsolutePath(), e);
        } catch (IllegalArgumentException e) {
            throw notAKey(file, type, e);
        }
    }

    private static IllegalStateException notAKey(Path file, String type, Exception cause) {
        return new IllegalStateException(file.toAbsolutePath() + " is not an RSA " + type + " in PEM form", cause);
    }

    private static String thumbprint(RSAPublicKey key) {
        // RFC 7638: SHA-256 over the required members in lexicographic order, without whitespace.
        String canonical = "{\"e\":\"" + base64url(key.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\""
                + base64url(key.getModulus()) + "\"}";
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return BASE64URL.encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }

    /** The big-endian bytes of a positive integer without the sign byte, base64url-encoded (RFC 7518 6.3.1). */
    private static String base64url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return BASE64URL.encodeToString(bytes);
    }
}
