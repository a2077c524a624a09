package io.penguinmails.system;

import static io.restassured.RestAssured.given;

import io.penguinmails.contracts.MailboxCredentials;
import io.penguinmails.infra.Databases;
import io.penguinmails.infra.KafkaBroker;
import io.penguinmails.infra.TopicCreator;
import java.io.IOException;
import java.io.InputStream;
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
    /** The AES-256 key campaign-service encrypts mailbox passwords with and ingest-service decrypts them with. */
    static final String MAILBOX_KEY = MailboxCredentials.generateKey();

    static final String TRACKING_SECRET = "it-tracking-" + UUID.randomUUID();
    private static final Map<String, String> DATABASES = Map.of(
            "ingest-service", "penguin_it_queue",
            "content-service", "penguin_it_content",
            "campaign-service", "penguin_it_oltp",
            "analytics-service", "penguin_it_olap");

    KafkaBroker broker;
    final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    final Map<String, Duration> startTimes = new LinkedHashMap<>();
    private final Path logDir;
    private final Path keyDir;
    private final AutovacuumStandIn autovacuum;

    Suite() {
        try {
            logDir = Files.createDirectories(ServiceProcess.repoRoot().resolve("system-tests/target/it-logs"));
            keyDir = Files.createTempDirectory("penguin-it-keys");
            installTestKeyPair(keyDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        broker = KafkaBroker.startEphemeral();
        TopicCreator.createAll(broker.bootstrapServers(), 3);
        Databases.recreate(Databases.localUrl("postgres"), "postgres", "", List.copyOf(DATABASES.values()));
        autovacuum = AutovacuumStandIn.startIfNeeded(
                DATABASES.values().stream().map(Databases::localUrl).toList());
    }

    /** Starts campaign-service first (it holds the signing key), then the three others. */
    Suite start() {
        return start(Map.of());
    }

    /**
     * Like {@link #start()}, with extra environment for campaign-service (e.g. {@code PENGUIN_ENGINE_*} settings); the
     * suite's own variables win over them.
     */
    Suite start(Map<String, String> campaignEnv) {
        int campaignPort = KafkaBroker.freePort();
        Map<String, String> env = new LinkedHashMap<>(campaignEnv);
        env.putAll(Map.of(
                "PENGUIN_ADMIN_TOKEN",
                ADMIN_TOKEN,
                "PENGUIN_JWT_KEY_DIR",
                keyDir.toString(),
                // Tracking and unsubscribe links in sent mail point at this instance.
                "PENGUIN_TRACKING_BASE_URL",
                "http://127.0.0.1:" + campaignPort));
        startService("campaign-service", campaignPort, env);
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

    /** A tenant created through campaign-service's operator API, with a token of its own. */
    record Tenant(String id, String token) {}

    /** Creates a tenant named {@code name} and issues it a token, as an operator does. */
    Tenant createTenant(String name) {
        String campaign = url("campaign-service");
        String id = given().auth()
                .oauth2(ADMIN_TOKEN)
                .contentType("application/json")
                .body(Map.of("name", name))
                .post(campaign + "/v1/tenants")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String token = given().auth()
                .oauth2(ADMIN_TOKEN)
                .post(campaign + "/v1/tenants/" + id + "/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("token");
        return new Tenant(id, token);
    }

    /** Stops the broker (as an operator or a crash would) and keeps its data for {@link #startBroker()}. */
    void stopBroker() {
        broker.close();
    }

    /** Starts the stopped broker again on its port with its data. */
    void startBroker() {
        broker = broker.startAgain();
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
        // Production refuses to run without these secrets; each suite makes its own.
        env.put("PENGUIN_MAILBOX_KEY", MAILBOX_KEY);
        env.put("PENGUIN_TRACKING_SECRET", TRACKING_SECRET);
        env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("PENGUIN_DB_NAME", DATABASES.get(name));
        ServiceProcess process = new ServiceProcess(name, port, env, logDir);
        services.put(name, process);
        startTimes.put(name, process.start());
    }

    /**
     * campaign-service signs with local-infra's test pair, so {@code TestTokens} can mint what a client cannot get
     * through the API (an expired token, one for an unknown tenant) while verification still goes through the JWKS.
     */
    private static void installTestKeyPair(Path dir) throws IOException {
        for (String name : List.of("private.pem", "public.pem")) {
            try (InputStream in = Suite.class.getClassLoader().getResourceAsStream("penguin/test-jwt/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("local-infra's test key missing from the classpath: " + name);
                }
                Files.copy(in, dir.resolve(name));
            }
        }
    }

    @Override
    public void close() {
        services.values().forEach(ServiceProcess::close);
        broker.close();
        autovacuum.close();
    }
}
