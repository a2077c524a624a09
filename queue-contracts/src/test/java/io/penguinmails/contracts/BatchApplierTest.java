package io.penguinmails.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class BatchApplierTest {

    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private final List<List<String>> transactions = new ArrayList<>();
    private final BatchApplier applier = new BatchApplier(deadLetters::addAll, () -> {});

    @Test
    void aRecordThatBreaksItsContractIsDeadLetteredAndTheRestAppliedTogether() {
        applier.apply(records("a", "bad", "c"), BatchApplierTest::prepare, transactions::add);

        assertThat(transactions).containsExactly(List.of("A", "C"));
        assertThat(deadLetters).singleElement().satisfies(letter -> {
            assertThat(letter.source().value()).isEqualTo("bad");
            assertThat(letter.reason()).isEqualTo("not a letter: bad");
        });
    }

    @Test
    void aBatchTheDatabaseRefusesIsAppliedRecordByRecordAndOnlyTheRefusedOneIsDeadLettered() {
        applier.apply(records("a", "refused", "c"), BatchApplierTest::prepare, this::refuseOne);

        assertThat(transactions).containsExactly(List.of("A"), List.of("C"));
        assertThat(deadLetters).singleElement().satisfies(letter -> {
            assertThat(letter.source().value()).isEqualTo("refused");
            assertThat(letter.reason()).isEqualTo("value too long");
        });
    }

    @Test
    void aDatabaseOutageDeadLettersNothingAndGoesBackToTheConsumer() {
        assertThatThrownBy(() -> applier.apply(records("a", "b"), BatchApplierTest::prepare, batch -> {
                    throw new IllegalStateException(new SQLException("connection refused", "08001"));
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(deadLetters).isEmpty();
    }

    @Test
    void aBatchOfOnlyBadRecordsAppliesNothing() {
        applier.apply(records("bad"), BatchApplierTest::prepare, transactions::add);

        assertThat(transactions).isEmpty();
        assertThat(deadLetters).hasSize(1);
    }

    private void refuseOne(List<String> batch) {
        if (batch.contains("REFUSED")) {
            throw new IllegalArgumentException("value too long");
        }
        transactions.add(batch);
    }

    private static String prepare(ConsumerRecord<String, String> record) {
        if (record.value().equals("bad")) {
            throw new InvalidEventException("not a letter: bad");
        }
        return record.value().toUpperCase();
    }

    private static List<ConsumerRecord<String, String>> records(String... values) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            records.add(new ConsumerRecord<>(Topics.MAIL_INBOUND, 0, i, "k" + i, values[i]));
        }
        return records;
    }
}
