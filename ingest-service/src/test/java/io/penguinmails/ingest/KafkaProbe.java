package io.penguinmails.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads what really reached a topic of the test broker. */
public final class KafkaProbe {

    private KafkaProbe() {}

    /** Waits up to 30 s for the records of a topic that match, reading from the beginning. */
    public static List<ConsumerRecord<String, String>> await(
            String bootstrap, String topic, int count, Predicate<ConsumerRecord<String, String>> filter) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("group.id", "probe-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        props.put("max.partition.fetch.bytes", String.valueOf(110 * 1024 * 1024));
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 30_000;
            while (found.size() < count && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> {
                    if (filter.test(r)) {
                        found.add(r);
                    }
                });
            }
            // A short extra read catches duplicates that arrive after the expected count.
            consumer.poll(Duration.ofMillis(1000)).forEach(r -> {
                if (filter.test(r)) {
                    found.add(r);
                }
            });
        }
        return found;
    }
}
