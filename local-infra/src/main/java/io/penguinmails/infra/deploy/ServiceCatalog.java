package io.penguinmails.infra.deploy;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one description every deployment file is generated from: the four services, their ports and databases, which
 * one issues tokens, and the shared deployment settings. Change a service here and run {@code deploy/generate}; the
 * YAML, the Dockerfile and the SQL follow.
 */
public final class ServiceCatalog {

    /**
     * One deployable service.
     *
     * @param name the Maven module, container, Deployment and Service name
     * @param port its HTTP port (the same inside and outside the container)
     * @param database the PostgreSQL database of its tier
     * @param issuesTokens whether it holds the JWT signing key pair and the operator's admin token
     * @param extraEnv further environment variables of this service only
     */
    public record Service(String name, int port, String database, boolean issuesTokens, Map<String, String> extraEnv) {

        /** The container image, e.g. {@code penguinmails/ingest-service}, without a tag. */
        public String image() {
            return IMAGE_PREFIX + name;
        }
    }

    /** All four services, in port order. */
    public static final List<Service> SERVICES = List.of(
            // 50 MB raw messages are accepted over HTTP; stating it keeps the limit visible to operators.
            new Service(
                    "ingest-service",
                    8081,
                    "penguin_queue",
                    false,
                    Map.of("PENGUIN_INGEST_MAX_MESSAGE_BYTES", "52428800")),
            new Service("content-service", 8082, "penguin_content", false, Map.of()),
            new Service("campaign-service", 8083, "penguin_oltp", true, Map.of()),
            new Service("analytics-service", 8084, "penguin_olap", false, Map.of()));

    /**
     * Services that read the shared mailbox-credential key {@code PENGUIN_MAILBOX_KEY}: ingest decrypts the IMAP
     * passwords it receives on {@code mailbox.changes}; campaign-service encrypts every mailbox password with it.
     */
    public static final Set<String> MAILBOX_KEY_HOLDERS = Set.of("ingest-service", "campaign-service");

    /** Services that send the system's own mail (transactional email) through the operator's SMTP relay. */
    public static final Set<String> SMTP_RELAY_USERS = Set.of("content-service");

    /** Prefix of the service images. */
    public static final String IMAGE_PREFIX = "penguinmails/";
    /** The tag local builds get. */
    public static final String LOCAL_TAG = "latest";
    /** The tag the production overlay pins; raise it with each release. */
    public static final String RELEASE_TAG = "1.0.0";
    /** Replicas of each service in the production overlay; two keep a service up through a node drain. */
    public static final int PRODUCTION_REPLICAS = 2;

    /** The Kafka image; its version matches the Kafka clients the Quarkus BOM pins. */
    public static final String KAFKA_IMAGE = "apache/kafka:4.1.2";
    /** The PostgreSQL image. */
    public static final String POSTGRES_IMAGE = "postgres:15";
    /** Partitions of every topic; consumers of one group share them, so this caps useful replicas. */
    public static final int TOPIC_PARTITIONS = 3;

    /**
     * JVM options of the services where they all share one host (docker-compose, the system tests): C2's compiling
     * competes with the services for a small host's cores for minutes, and with C1 only the suite took 11 - 18 % more
     * messages a second on two cores (docs/benchmarks.md, session 9). Kubernetes pods keep the JVM's defaults.
     */
    public static final String SHARED_HOST_JVM_OPTIONS = "-XX:TieredStopAtLevel=1";

    /** Where the token issuer keeps {@code private.pem} and {@code public.pem} inside its container. */
    public static final String KEY_DIR = "/var/lib/penguin/keys";
    /** The non-root user and group the service images run as. */
    public static final int RUN_AS_ID = 10001;

    /** Readiness endpoint: database and Kafka reachable. */
    public static final String READY_PATH = "/q/health/ready";
    /** Liveness endpoint. */
    public static final String LIVE_PATH = "/q/health/live";
    /** Prometheus endpoint. */
    public static final String METRICS_PATH = "/q/metrics";

    private ServiceCatalog() {}

    /** The one service that signs tokens; the others verify against its JWKS. */
    public static Service issuer() {
        return SERVICES.stream()
                .filter(Service::issuesTokens)
                .reduce((a, b) -> {
                    throw new IllegalStateException("more than one token issuer: " + a.name() + ", " + b.name());
                })
                .orElseThrow(() -> new IllegalStateException("no token issuer in the catalog"));
    }

    /** The issuer's JWKS URL by its network name, which docker compose and Kubernetes both resolve. */
    public static String jwksUrl() {
        Service issuer = issuer();
        return "http://" + issuer.name() + ":" + issuer.port() + "/.well-known/jwks.json";
    }
}
