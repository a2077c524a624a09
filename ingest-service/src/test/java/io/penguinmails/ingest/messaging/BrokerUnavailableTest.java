package io.penguinmails.ingest.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class BrokerUnavailableTest {

    private final BrokerUnavailable brokerUnavailable = new BrokerUnavailable();

    @Test
    void anAbsentOrOverloadedBrokerIsNotTheJobsFault() {
        assertThat(brokerUnavailable)
                .accepts(
                        new IllegalStateException("SRMSG00034: Insufficient downstream requests to emit item"),
                        new ExecutionException(new TimeoutException("Expiring 12 record(s) for mail.inbound-0")),
                        new CompletionException(new NotLeaderOrFollowerException("leader moved")),
                        new java.util.concurrent.TimeoutException());
    }

    @Test
    void whatTheBrokerRefusesForTheRecordItselfIs() {
        assertThat(brokerUnavailable)
                .rejects(
                        new ExecutionException(new RecordTooLargeException("record of 120 MB")),
                        new IllegalStateException("SRMSG00017: Stream cancelled"),
                        new IllegalArgumentException("this is not an event"));
    }
}
