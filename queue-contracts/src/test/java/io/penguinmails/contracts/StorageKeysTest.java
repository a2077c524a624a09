package io.penguinmails.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StorageKeysTest {

    private static final String TENANT_A = "7d1f4a52-5c8e-4b8a-9a53-0d8a3c1d2e01";
    private static final String TENANT_B = "0b6f2c1e-9f1d-4d22-8a4e-5e1f3a7b9c02";
    private static final byte[] RAW =
            "From: a@example.com\r\nSubject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void sameBytesOfSameTenantGiveSameKey() {
        assertThat(StorageKeys.forRawMessage(TENANT_A, RAW))
                .isEqualTo(StorageKeys.forRawMessage(TENANT_A, RAW.clone()));
    }

    @Test
    void otherTenantGivesOtherKey() {
        assertThat(StorageKeys.forRawMessage(TENANT_A, RAW)).isNotEqualTo(StorageKeys.forRawMessage(TENANT_B, RAW));
    }

    @Test
    void oneChangedByteGivesOtherKey() {
        byte[] changed = RAW.clone();
        changed[changed.length - 3] = 'X';
        assertThat(StorageKeys.forRawMessage(TENANT_A, changed)).isNotEqualTo(StorageKeys.forRawMessage(TENANT_A, RAW));
    }

    @Test
    void keysHaveTheDocumentedFormat() {
        assertThat(StorageKeys.isValid(StorageKeys.forRawMessage(TENANT_A, RAW)))
                .isTrue();
        assertThat(StorageKeys.isValid(StorageKeys.forMessageId(TENANT_A, "mbx-1", "<a@b>")))
                .isTrue();
        assertThat(StorageKeys.isValid("raw_123")).isFalse();
        assertThat(StorageKeys.isValid("../etc/passwd")).isFalse();
    }

    @Test
    void messageIdKeyDependsOnMailboxAndTenant() {
        String key = StorageKeys.forMessageId(TENANT_A, "mbx-1", "<x@example.com>");
        assertThat(StorageKeys.forMessageId(TENANT_A, "mbx-1", " <x@example.com> "))
                .isEqualTo(key);
        assertThat(StorageKeys.forMessageId(TENANT_A, "mbx-2", "<x@example.com>"))
                .isNotEqualTo(key);
        assertThat(StorageKeys.forMessageId(TENANT_B, "mbx-1", "<x@example.com>"))
                .isNotEqualTo(key);
    }
}
