package io.penguinmails.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

    @Test
    void keepsKeyBodyAndHeadersAndSaysWhereAndWhy() {
        ConsumerRecord<String, String> source = new ConsumerRecord<>(Topics.MAIL_INBOUND, 2, 41L, "raw_k", "{}");
        source.headers().add("ce_id", "evt-1".getBytes(StandardCharsets.UTF_8));
        InvalidEventException error =
                new InvalidEventException("record key and storage_key differ", new IllegalStateException("mismatch"));

        ProducerRecord<String, String> letter = DeadLetter.of(source, error).toProducerRecord();

        assertThat(letter.topic()).isEqualTo("mail.inbound.dlq");
        assertThat(letter.key()).isEqualTo("raw_k");
        assertThat(letter.value()).isEqualTo("{}");
        assertThat(header(letter, "ce_id")).isEqualTo("evt-1");
        assertThat(header(letter, DeadLetter.REASON)).isEqualTo("record key and storage_key differ");
        assertThat(header(letter, "dead-letter-exception-class-name")).isEqualTo(InvalidEventException.class.getName());
        assertThat(header(letter, "dead-letter-cause")).isEqualTo("mismatch");
        assertThat(header(letter, "dead-letter-topic")).isEqualTo(Topics.MAIL_INBOUND);
        assertThat(header(letter, "dead-letter-partition")).isEqualTo("2");
        assertThat(header(letter, "dead-letter-offset")).isEqualTo("41");
    }

    @Test
    void aRecordDeadLetteredAgainKeepsOneReasonTheLatest() {
        ConsumerRecord<String, String> source = new ConsumerRecord<>("mail.bounce", 0, 7L, null, null);
        source.headers().add(DeadLetter.REASON, "older".getBytes(StandardCharsets.UTF_8));

        ProducerRecord<String, String> letter =
                new DeadLetter(source, null, "record has no body", null).toProducerRecord();

        assertThat(letter.headers().headers(DeadLetter.REASON)).hasSize(1);
        assertThat(header(letter, DeadLetter.REASON)).isEqualTo("record has no body");
        assertThat(letter.headers().lastHeader("dead-letter-exception-class-name"))
                .isNull();
        assertThat(letter.value()).isNull();
    }

    private static String header(ProducerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
