package io.penguinmails.system;

import io.penguinmails.infra.Databases;
import io.penguinmails.infra.KafkaBroker;
import io.penguinmails.infra.TopicCreator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The whole suite as a user runs it: a real broker process, fresh databases on the local PostgreSQL, and the four
 * packaged services, each its own JVM in the {@code prod} profile, verifying tokens through campaign-service's JWKS.
 */
final class Suite implements AutoCloseable {

    static final String ADMIN_TOKEN = "it-admin-" + UUID.randomUUID();
    private static final Map<String, String> DATABASES = Map.of(
            "ingest-service", "penguin_it_queue",
            "content-service", "penguin_it_content",
            "campaign-service", "penguin_it_oltp",
            "analytics-service", "penguin_it_olap");

    final KafkaBroker broker;
    final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    final Map<String, Duration> startTimes = new LinkedHashMap<>();
    private final Path logDir;
    private final Path keyDir;

    Suite() {
        try {
            logDir = Files.createDirectories(ServiceProcess.repoRoot().resolve("system-tests/target/it-logs"));
            keyDir = Files.createTempDirectory("penguin-it-keys");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        broker = KafkaBroker.startEphemeral();
        TopicCreator.createAll(broker.bootstrapServers(), 3);
        Databases.recreate(Databases.localUrl("postgres"), "postgres", "", List.copyOf(DATABASES.values()));
    }

    /** Starts campaign-service first (it holds the signing key), then the three others. */
    Suite start() {
        int campaignPort = KafkaBroker.freePort();
        startService(
                "campaign-service",
                campaignPort,
                Map.of("PENGUIN_ADMIN_TOKEN", ADMIN_TOKEN, "PENGUIN_JWT_KEY_DIR", keyDir.toString()));
        String jwks = "http://127.0.0.1:" + campaignPort + "/.well-known/jwks.json";
        for (String name : List.of("ingest-service", "content-service", "analytics-service")) {
            startService(name, KafkaBroker.freePort(), Map.of("PENGUIN_JWT_PUBLIC_KEY", jwks));
        }
        return this;
    }

    /** Starts a service again after it was killed, with the same settings. */
    Duration restart(String name) {
        return services.get(name).start();
    }

    String url(String name) {
        return services.get(name).url();
    }

    /** The JDBC URL of a service's database. */
    static String database(String service) {
        return Databases.localUrl(DATABASES.get(service));
    }

    private void startService(String name, int port, Map<String, String> extra) {
        Map<String, String> env = new LinkedHashMap<>(extra);
        env.put("QUARKUS_PROFILE", "prod");
        env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("PENGUIN_DB_NAME", DATABASES.get(name));
        ServiceProcess process = new ServiceProcess(name, port, env, logDir);
        services.put(name, process);
        startTimes.put(name, process.start());
    }

    @Override
    public void close() {
        services.values().forEach(ServiceProcess::close);
        broker.close();
    }
}
