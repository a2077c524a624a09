package io.penguinmails.infra.deploy;

import io.penguinmails.contracts.Topics;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Kafka broker, topic and database setup that docker compose and the local Kubernetes overlay share, so both
 * run the same broker settings as {@code deploy/local/run}.
 */
final class SharedInfra {

    /** Network name and client port of the broker, in compose and in the local overlay alike. */
    static final String KAFKA_HOST = "kafka";

    static final int KAFKA_PORT = 9092;
    static final String KAFKA_BOOTSTRAP = KAFKA_HOST + ":" + KAFKA_PORT;
    static final String KAFKA_DATA_DIR = "/var/lib/kafka/data";
    static final String KAFKA_BIN = "/opt/kafka/bin/";

    /** Network name and port of PostgreSQL. */
    static final String POSTGRES_HOST = "postgres";

    static final int POSTGRES_PORT = 5432;
    static final String POSTGRES_DATA_DIR = "/var/lib/postgresql/data";
    static final String POSTGRES_INIT_DIR = "/docker-entrypoint-initdb.d";
    static final String INIT_SQL = "init-databases.sql";

    /** A fixed KRaft cluster id (base64 of 16 bytes); one single-node cluster per volume needs no random one. */
    private static final String CLUSTER_ID = "cGVuZ3Vpbm1haWxzS1JGVA";

    private SharedInfra() {}

    /**
     * The apache/kafka image's environment for a single combined broker and controller; the image turns each
     * {@code KAFKA_X_Y} into the property {@code x.y}.
     */
    static Map<String, Object> kafkaEnvironment() {
        String maxBytes = String.valueOf(Topics.MAX_MESSAGE_BYTES);
        return Yaml.map(
                "CLUSTER_ID", CLUSTER_ID,
                "KAFKA_NODE_ID", "1",
                "KAFKA_PROCESS_ROLES", "broker,controller",
                "KAFKA_LISTENERS", "PLAINTEXT://:" + KAFKA_PORT + ",CONTROLLER://:9093",
                "KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://" + KAFKA_BOOTSTRAP,
                "KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER",
                "KAFKA_INTER_BROKER_LISTENER_NAME", "PLAINTEXT",
                "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                // The controller is this very process, so it is reached on localhost whatever the host name.
                "KAFKA_CONTROLLER_QUORUM_VOTERS", "1@localhost:9093",
                "KAFKA_LOG_DIRS", KAFKA_DATA_DIR,
                "KAFKA_NUM_PARTITIONS", String.valueOf(ServiceCatalog.TOPIC_PARTITIONS),
                "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1",
                "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1",
                "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1",
                "KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1",
                "KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0",
                // Large messages travel whole (see Topics.MAX_MESSAGE_BYTES); a request holds a record plus framing.
                "KAFKA_MESSAGE_MAX_BYTES", maxBytes,
                "KAFKA_REPLICA_FETCH_MAX_BYTES", maxBytes,
                "KAFKA_SOCKET_REQUEST_MAX_BYTES", String.valueOf(2L * Topics.MAX_MESSAGE_BYTES),
                "KAFKA_HEAP_OPTS", "-Xms256m -Xmx768m");
    }

    /** The compose health check of the broker: it answers API-version requests once it serves clients. */
    static String kafkaHealthCommand() {
        return KAFKA_BIN + "kafka-broker-api-versions.sh --bootstrap-server localhost:" + KAFKA_PORT
                + " > /dev/null 2>&1";
    }

    /**
     * A shell script that waits for the broker and creates every topic with its dead-letter topic. It uses no shell
     * variables, because docker compose would interpolate them.
     */
    static String topicScript() {
        String topics = KAFKA_BIN + "kafka-topics.sh --bootstrap-server " + KAFKA_BOOTSTRAP;
        String wait = "until " + topics + " --list > /dev/null 2>&1; do echo waiting for kafka; sleep 2; done\n";
        String creates = Topics.allWithDlq().stream()
                .map(topic -> topics + " --create --if-not-exists --topic " + topic
                        + " --partitions " + ServiceCatalog.TOPIC_PARTITIONS
                        + " --replication-factor 1 --config max.message.bytes=" + Topics.MAX_MESSAGE_BYTES + "\n")
                .collect(Collectors.joining());
        return "set -e\n" + wait + creates + "echo topics ready\n";
    }

    /** The SQL the postgres image runs once, on an empty data directory. */
    static String initDatabasesSql() {
        return DeploymentGenerator.sqlNotice()
                + ServiceCatalog.SERVICES.stream()
                        .map(service -> "CREATE DATABASE " + service.database() + ";\n")
                        .collect(Collectors.joining());
    }

    /** The PostgreSQL health check; TCP only, since the image's init phase listens on the socket alone. */
    static String postgresHealthCommand(String userVariable) {
        return "pg_isready -h 127.0.0.1 -p " + POSTGRES_PORT + " -U \"" + userVariable + "\"";
    }
}
