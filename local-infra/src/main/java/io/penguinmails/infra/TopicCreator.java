package io.penguinmails.infra;

import io.penguinmails.contracts.Topics;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates every topic of the suite and its dead-letter topic, with room for large messages. */
public final class TopicCreator {

    private TopicCreator() {}

    /** Creates the missing topics; existing ones are left as they are. */
    public static void createAll(String bootstrapServers, int partitions) {
        // Kafka loads its plugins through the thread's context class loader; inside a Quarkus test resource that
        // loader is not the one that loaded the Kafka client, which breaks JmxReporter.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(TopicCreator.class.getClassLoader());
        try {
            create(bootstrapServers, partitions);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static void create(String bootstrapServers, int partitions) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            List<NewTopic> topics = Topics.allWithDlq().stream()
                    .map(name -> new NewTopic(name, partitions, (short) 1)
                            .configs(Map.of("max.message.bytes", String.valueOf(Topics.MAX_MESSAGE_BYTES))))
                    .toList();
            admin.createTopics(topics).values().values().forEach(TopicCreator::ignoreExisting);
        }
    }

    private static void ignoreExisting(org.apache.kafka.common.KafkaFuture<Void> future) {
        try {
            future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(
                        "topic creation failed: " + e.getCause().getMessage(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("topic creation timed out", e);
        }
    }
}
