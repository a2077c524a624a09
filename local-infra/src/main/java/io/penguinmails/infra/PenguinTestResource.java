package io.penguinmails.infra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} a real Kafka broker (its own process, one per test JVM) and a real database on the
 * local PostgreSQL. Pass the database name as the {@code database} init argument.
 *
 * <p>The system property {@code penguin.test-database-suffix} is appended to every test database name, so several
 * checkouts (worktrees) of the project can run their tests at once without cleaning each other's databases.
 */
public class PenguinTestResource implements QuarkusTestResourceLifecycleManager {

    private static final String SUFFIX_PROPERTY = "penguin.test-database-suffix";
    private static KafkaBroker broker;
    private String database = "penguin_test";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database) + System.getProperty(SUFFIX_PROPERTY, "");
    }

    @Override
    public Map<String, String> start() {
        String bootstrap = sharedBroker().bootstrapServers();
        String user = System.getenv().getOrDefault("PENGUIN_DB_USER", "postgres");
        String password = System.getenv().getOrDefault("PENGUIN_DB_PASSWORD", "");
        Databases.ensure(Databases.localUrl("postgres"), user, password, List.of(database));
        Map<String, String> config = new HashMap<>(Map.of(
                "kafka.bootstrap.servers", bootstrap,
                "quarkus.datasource.jdbc.url", Databases.localUrl(database),
                "quarkus.datasource.username", user,
                "quarkus.datasource.password", password));
        if (System.getProperty(SUFFIX_PROPERTY) != null) {
            // The suffix reaches the application as a system property in the penguin. namespace, which a service's
            // root penguin. mapping would refuse as unknown.
            config.put("smallrye.config.mapping.validate-unknown", "false");
        }
        return config;
    }

    @Override
    public void stop() {
        // The broker outlives one application start: the next test class of this JVM reuses it.
    }

    /** The broker of this JVM, started on first use and stopped when the JVM exits. */
    public static synchronized KafkaBroker sharedBroker() {
        if (broker == null || !broker.isAlive()) {
            broker = KafkaBroker.startEphemeral();
            TopicCreator.createAll(broker.bootstrapServers(), 3);
        }
        return broker;
    }
}
