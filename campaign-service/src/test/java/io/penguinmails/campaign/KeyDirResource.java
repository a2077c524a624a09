package io.penguinmails.campaign;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Gives the application a key folder of its own ({@code penguin.jwt.key-dir}). By default it holds local-infra's test
 * pair, so tokens from {@code TestTokens} and tokens the service issues verify alike; with the init argument
 * {@code keys=none} it does not exist yet, so the service has to generate the pair at start-up.
 */
public class KeyDirResource implements QuarkusTestResourceLifecycleManager {

    private static final String TEST_PAIR = "penguin/test-jwt/";

    private boolean copyTestPair = true;
    private Path root;

    @Override
    public void init(Map<String, String> initArgs) {
        copyTestPair = !"none".equals(initArgs.get("keys"));
    }

    @Override
    public Map<String, String> start() {
        try {
            root = Files.createTempDirectory("campaign-keys");
            Path keyDir = root.resolve("keys");
            if (copyTestPair) {
                Files.createDirectories(keyDir);
                copy(TEST_PAIR + "private.pem", keyDir.resolve("private.pem"));
                copy(TEST_PAIR + "public.pem", keyDir.resolve("public.pem"));
            }
            return Map.of("penguin.jwt.key-dir", keyDir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(String resource, Path target) throws IOException {
        try (InputStream in = KeyDirResource.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("local-infra test key missing from the classpath: " + resource);
            }
            Files.copy(in, target);
        }
    }
}
