package io.penguinmails.infra.deploy;

import static io.penguinmails.infra.deploy.Yaml.map;

import io.penguinmails.infra.deploy.ServiceCatalog.Service;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds {@code docker-compose.yml}: Kafka, its topic set-up, PostgreSQL and the four services. */
final class ComposeFile {

    static final String PATH = "docker-compose.yml";
    static final String INIT_SQL_PATH = "deploy/compose/" + SharedInfra.INIT_SQL;

    // Compose reads these from the shell or an .env file; the admin token has no default on purpose.
    private static final String DB_USER = "${PENGUIN_DB_USER:-penguin}";
    private static final String DB_PASSWORD = "${PENGUIN_DB_PASSWORD:-penguin}";
    private static final String ADMIN_TOKEN = "${PENGUIN_ADMIN_TOKEN:?set PENGUIN_ADMIN_TOKEN}";
    private static final String MAILBOX_KEY = "${PENGUIN_MAILBOX_KEY:?set PENGUIN_MAILBOX_KEY}";
    // All services share one host here; PENGUIN_JAVA_TOOL_OPTIONS replaces the options (a space: the JVM's defaults).
    private static final String JVM_OPTIONS =
            "${PENGUIN_JAVA_TOOL_OPTIONS:-" + ServiceCatalog.SHARED_HOST_JVM_OPTIONS + "}";
    private static final String TRACKING_SECRET = "${PENGUIN_TRACKING_SECRET:?set PENGUIN_TRACKING_SECRET}";
    // Recipients' mail clients reach the tracking endpoints here; behind a proxy, set the public https address.
    private static final String TRACKING_BASE_URL = "${PENGUIN_TRACKING_BASE_URL:-http://localhost:8083}";
    private static final Map<String, String> SMTP_RELAY = Map.of(
            "PENGUIN_SMTP_HOST", "${PENGUIN_SMTP_HOST:-localhost}",
            "PENGUIN_SMTP_PORT", "${PENGUIN_SMTP_PORT:-25}",
            "PENGUIN_SMTP_USERNAME", "${PENGUIN_SMTP_USERNAME:-}",
            "PENGUIN_SMTP_PASSWORD", "${PENGUIN_SMTP_PASSWORD:-}",
            "PENGUIN_MAIL_FROM", "${PENGUIN_MAIL_FROM:-PenguinMails <no-reply@penguinmails.local>}");

    private ComposeFile() {}

    /** The whole compose file as text. */
    static String render() {
        Map<String, Object> services = new LinkedHashMap<>();
        services.put("kafka", kafka());
        services.put("kafka-init", kafkaInit());
        services.put("postgres", postgres());
        ServiceCatalog.SERVICES.forEach(service -> services.put(service.name(), service(service)));
        Map<String, Object> volumes = map("kafka-data", Map.of(), "postgres-data", Map.of(), keyVolume(), Map.of());
        return Yaml.document(map("name", "penguinmails", "services", services, "volumes", volumes));
    }

    private static Map<String, Object> kafka() {
        return map(
                "image", ServiceCatalog.KAFKA_IMAGE,
                "restart", "unless-stopped",
                "environment", SharedInfra.kafkaEnvironment(),
                "volumes", List.of("kafka-data:" + SharedInfra.KAFKA_DATA_DIR),
                "healthcheck", healthcheck(List.of("CMD-SHELL", SharedInfra.kafkaHealthCommand()), "20s"));
    }

    private static Map<String, Object> kafkaInit() {
        return map(
                "image", ServiceCatalog.KAFKA_IMAGE,
                "depends_on", map("kafka", condition("service_healthy")),
                "restart", "no",
                "entrypoint", List.of("/bin/bash", "-c"),
                "command", List.of(SharedInfra.topicScript()));
    }

    private static Map<String, Object> postgres() {
        String initSql =
                "./" + INIT_SQL_PATH + ":" + SharedInfra.POSTGRES_INIT_DIR + "/" + SharedInfra.INIT_SQL + ":ro";
        return map(
                "image",
                ServiceCatalog.POSTGRES_IMAGE,
                "restart",
                "unless-stopped",
                "environment",
                map("POSTGRES_USER", DB_USER, "POSTGRES_PASSWORD", DB_PASSWORD),
                "volumes",
                List.of("postgres-data:" + SharedInfra.POSTGRES_DATA_DIR, initSql),
                // $$ keeps compose from interpolating; the container's shell expands the variable.
                "healthcheck",
                healthcheck(List.of("CMD-SHELL", SharedInfra.postgresHealthCommand("$$POSTGRES_USER")), "20s"));
    }

    private static Map<String, Object> service(Service service) {
        Map<String, Object> spec = map(
                "build",
                        map(
                                "context",
                                ".",
                                "dockerfile",
                                DockerfileText.PATH,
                                "args",
                                map("SERVICE", service.name(), "PORT", String.valueOf(service.port()))),
                "image", service.image() + ":" + ServiceCatalog.LOCAL_TAG,
                "restart", "unless-stopped",
                "depends_on",
                        map(
                                "postgres", condition("service_healthy"),
                                "kafka-init", condition("service_completed_successfully")),
                "environment", environment(service),
                "ports", List.of(service.port() + ":" + service.port()));
        if (service.issuesTokens()) {
            // A named volume keeps the generated key pair, so issued tokens survive a container re-creation.
            spec.put("volumes", List.of(keyVolume() + ":" + ServiceCatalog.KEY_DIR));
        }
        String ready = "http://localhost:" + service.port() + ServiceCatalog.READY_PATH;
        spec.put("healthcheck", healthcheck(List.of("CMD", "curl", "-fsS", "-o", "/dev/null", ready), "60s"));
        return spec;
    }

    private static Map<String, Object> environment(Service service) {
        Map<String, Object> env = map(
                "QUARKUS_PROFILE",
                "prod",
                "KAFKA_BOOTSTRAP_SERVERS",
                SharedInfra.KAFKA_BOOTSTRAP,
                "PENGUIN_DB_HOST",
                SharedInfra.POSTGRES_HOST,
                "PENGUIN_DB_PORT",
                String.valueOf(SharedInfra.POSTGRES_PORT),
                "PENGUIN_DB_NAME",
                service.database(),
                "PENGUIN_DB_USER",
                DB_USER,
                "PENGUIN_DB_PASSWORD",
                DB_PASSWORD,
                "JAVA_TOOL_OPTIONS",
                JVM_OPTIONS);
        if (service.issuesTokens()) {
            env.put("PENGUIN_JWT_KEY_DIR", ServiceCatalog.KEY_DIR);
            env.put("PENGUIN_ADMIN_TOKEN", ADMIN_TOKEN);
            env.put("PENGUIN_TRACKING_SECRET", TRACKING_SECRET);
            env.put("PENGUIN_TRACKING_BASE_URL", TRACKING_BASE_URL);
        } else {
            env.put("PENGUIN_JWT_PUBLIC_KEY", ServiceCatalog.jwksUrl());
        }
        if (ServiceCatalog.MAILBOX_KEY_HOLDERS.contains(service.name())) {
            env.put("PENGUIN_MAILBOX_KEY", MAILBOX_KEY);
        }
        if (ServiceCatalog.SMTP_RELAY_USERS.contains(service.name())) {
            env.putAll(new TreeMap<>(SMTP_RELAY));
        }
        env.putAll(new TreeMap<>(service.extraEnv()));
        return env;
    }

    private static Map<String, Object> healthcheck(List<String> test, String startPeriod) {
        return map("test", test, "interval", "10s", "timeout", "10s", "retries", 12, "start_period", startPeriod);
    }

    private static Map<String, Object> condition(String condition) {
        return map("condition", condition);
    }

    private static String keyVolume() {
        return ServiceCatalog.issuer().name() + "-keys";
    }
}
