package io.penguinmails.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {

    @Test
    void brokerCreatesTopicsAndKeepsRecordsAcrossARestart() throws Exception {
        Path dir = Files.createTempDirectory("kafka-broker-test");
        int port = KafkaBroker.freePort();
        int controllerPort = KafkaBroker.freePort();
        try (KafkaBroker broker = KafkaBroker.start(dir, port, controllerPort)) {
            TopicCreator.createAll(broker.bootstrapServers(), 3);
            assertThat(topicNames(broker)).contains("mail.inbound", "mail.inbound.dlq", "analytics.events.dlq");
            produce(broker, "kept across restart");
        }
        try (KafkaBroker again = KafkaBroker.start(dir, port, controllerPort)) {
            assertThat(consumeAll(again)).contains("kept across restart");
        }
    }

    private static java.util.Set<String> topicNames(KafkaBroker broker) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            return admin.listTopics().names().get();
        }
    }

    private static void produce(KafkaBroker broker, String value) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", broker.bootstrapServers());
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("audit.events", "k", value)).get();
        }
    }

    private static List<String> consumeAll(KafkaBroker broker) {
        Properties props = new Properties();
        props.put("bootstrap.servers", broker.bootstrapServers());
        props.put("group.id", "broker-test");
        props.put("auto.offset.reset", "earliest");
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("audit.events"));
            long deadline = System.currentTimeMillis() + 30_000;
            while (values.isEmpty() && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
