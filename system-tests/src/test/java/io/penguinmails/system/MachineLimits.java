package io.penguinmails.system;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The raw limits of the machine the suite runs on, measured with the same payloads the suite carries: how many records
 * of those sizes one producer and one consumer move through the broker, and how many rows carrying those bytes
 * PostgreSQL inserts, with none of the suite's work in between. The suite's throughput is reported as a fraction of
 * the lower of the two.
 */
final class MachineLimits {

    private static final int BATCH_ROWS = 500;

    private MachineLimits() {}

    /** Records per second produced (acks=all, as the services produce) and then consumed, over a fresh topic. */
    static double kafka(String bootstrapServers, List<byte[]> payloads) throws Exception {
        String topic = "machine-limit-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        long start = System.nanoTime();
        produce(bootstrapServers, topic, payloads);
        consume(bootstrapServers, topic, payloads.size());
        return payloads.size() / ((System.nanoTime() - start) / 1e9);
    }

    /** Rows per second inserted into a scratch table shaped like a stored message, in transactions of 500 rows. */
    static double postgres(String jdbcUrl, List<byte[]> payloads) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            String table = "machine_limit_" + UUID.randomUUID().toString().replace("-", "");
            try (Statement ddl = c.createStatement()) {
                ddl.execute("CREATE TABLE " + table + " (storage_key TEXT PRIMARY KEY, tenant_id UUID NOT NULL,"
                        + " created TIMESTAMPTZ NOT NULL DEFAULT now(), raw BYTEA NOT NULL)");
            }
            try {
                long start = System.nanoTime();
                insert(c, table, payloads);
                return payloads.size() / ((System.nanoTime() - start) / 1e9);
            } finally {
                try (Statement ddl = c.createStatement()) {
                    ddl.execute("DROP TABLE " + table);
                }
            }
        }
    }

    private static void produce(String bootstrapServers, String topic, List<byte[]> payloads)
            throws InterruptedException, ExecutionException {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (byte[] payload : payloads) {
                producer.send(new ProducerRecord<>(topic, payload));
            }
            producer.flush();
        }
    }

    private static void consume(String bootstrapServers, String topic, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, topic);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            int seen = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (seen < expected && System.nanoTime() < deadline) {
                seen += consumer.poll(Duration.ofMillis(200)).count();
            }
        }
    }

    private static void insert(Connection c, String table, List<byte[]> payloads) throws SQLException {
        c.setAutoCommit(false);
        UUID tenant = UUID.randomUUID();
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO " + table + " (storage_key, tenant_id, raw) VALUES (?, ?, ?)")) {
            for (int i = 0; i < payloads.size(); i++) {
                ps.setString(1, key(i, payloads.get(i)));
                ps.setObject(2, tenant);
                ps.setBytes(3, payloads.get(i));
                ps.addBatch();
                if ((i + 1) % BATCH_ROWS == 0 || i == payloads.size() - 1) {
                    ps.executeBatch();
                    c.commit();
                }
            }
        }
    }

    private static String key(int i, byte[] payload) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(payload);
            return i + "_" + HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
