package io.penguinmails.campaign.engagement;

import static org.awaitility.Awaitility.await;

import io.penguinmails.infra.PenguinTestResource;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Tells when campaign-service has consumed every record published to a topic so far: its consumer group's committed
 * offsets reached the end of each partition. A test that checks that a redelivered record changed nothing waits for
 * this, not for the first effect, or it could pass before the duplicate was even read.
 */
final class ConsumerOffsets {

    private ConsumerOffsets() {}

    /** Waits until the service's group for {@code topic} committed past every record published before the call. */
    static void awaitConsumed(String topic) {
        String group = "campaign-service." + topic.replace('.', '-');
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                PenguinTestResource.sharedBroker().bootstrapServers()))) {
            Map<TopicPartition, Long> end = endOffsets(admin, topic);
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                                .partitionsToOffsetAndMetadata()
                                .get();
                        return end.entrySet().stream()
                                .allMatch(partition -> partition.getValue() == 0
                                        || (committed.get(partition.getKey()) != null
                                                && committed
                                                                .get(partition.getKey())
                                                                .offset()
                                                        >= partition.getValue()));
                    });
        }
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) {
        try {
            Map<TopicPartition, OffsetSpec> latest =
                    admin
                            .describeTopics(java.util.List.of(topic))
                            .allTopicNames()
                            .get()
                            .get(topic)
                            .partitions()
                            .stream()
                            .collect(Collectors.toMap(
                                    partition -> new TopicPartition(topic, partition.partition()),
                                    partition -> OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets =
                    admin.listOffsets(latest).all().get();
            return offsets.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue()
                    .offset()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("read the end offsets of " + topic, e);
        }
    }
}
