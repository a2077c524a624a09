package io.penguinmails.ingest.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReceivedFieldsTest {

    private static final String KEY = "raw_" + "ab".repeat(32);

    @Test
    void readsTheFourFieldsAndStopsBeforeTheRestOfTheEvent() {
        // Everything after received_at is cut off mid-string: a reader that went on would fail on it.
        String event =
                """
                {"schema_version":1,"storage_key":"%s","tenant_id":"7d4f0c1e-8a51-4b8e-9d1e-0c6a2b5f9e11",\
                "email_account_id":"mbx-1","message_type":"email","received_at":"2026-11-24T19:45:31.123456Z",\
                "message_id":"<a@b>","raw_base64":"UmVjZWl2ZWQ6IGZyb20g"""
                        .formatted(KEY);

        ReceivedFields fields = ReceivedFields.read(event);

        assertThat(fields)
                .isEqualTo(new ReceivedFields(
                        "7d4f0c1e-8a51-4b8e-9d1e-0c6a2b5f9e11",
                        Instant.parse("2026-11-24T19:45:31.123456Z"),
                        "mbx-1",
                        KEY));
    }

    @Test
    void readsFieldsInAnyOrderSkippingObjectsAndArrays() {
        String event =
                """
                {"headers":[{"name":"To","value":"x"}],"bounce":{"recipients":[]},"email_account_id":null,\
                "raw_base64":"QQ==","received_at":"2026-11-24T00:00:00Z","storage_key":"%s",\
                "tenant_id":"7d4f0c1e-8a51-4b8e-9d1e-0c6a2b5f9e11"}"""
                        .formatted(KEY);

        ReceivedFields fields = ReceivedFields.read(event);

        assertThat(fields.emailAccountId()).isNull();
        assertThat(fields.storageKey()).isEqualTo(KEY);
        assertThat(fields.receivedAt()).isEqualTo(Instant.parse("2026-11-24T00:00:00Z"));
    }

    @Test
    void refusesAnEventWithoutAStorageKey() {
        String event =
                """
                {"tenant_id":"7d4f0c1e-8a51-4b8e-9d1e-0c6a2b5f9e11","received_at":"2026-11-24T00:00:00Z"}""";

        assertThatThrownBy(() -> ReceivedFields.read(event))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("storage_key");
    }
}
