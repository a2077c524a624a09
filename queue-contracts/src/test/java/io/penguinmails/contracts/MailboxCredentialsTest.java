package io.penguinmails.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class MailboxCredentialsTest {

    private static final String KEY = MailboxCredentials.generateKey();

    @Test
    void encryptedPasswordDecryptsWithTheSameKey() {
        MailboxCredentials campaign = new MailboxCredentials(KEY);
        MailboxCredentials ingest = new MailboxCredentials(KEY);
        String encrypted = campaign.encrypt("s3cret pässword");
        assertThat(encrypted).startsWith("v1:").doesNotContain("s3cret");
        assertThat(ingest.decrypt(encrypted)).isEqualTo("s3cret pässword");
    }

    @Test
    void samePasswordEncryptsDifferentlyEachTime() {
        MailboxCredentials credentials = new MailboxCredentials(KEY);
        assertThat(credentials.encrypt("same")).isNotEqualTo(credentials.encrypt("same"));
    }

    @Test
    void formatIsIvThenCiphertextWithTag() {
        String encrypted = new MailboxCredentials(KEY).encrypt("abc");
        byte[] data = Base64.getDecoder().decode(encrypted.substring(3));
        assertThat(data).hasSize(12 + 3 + 16);
    }

    @Test
    void anotherKeyOrAnAlteredValueIsRefused() {
        String encrypted = new MailboxCredentials(KEY).encrypt("secret");
        MailboxCredentials other = new MailboxCredentials(MailboxCredentials.generateKey());
        assertThatThrownBy(() -> other.decrypt(encrypted))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not match the key");
        byte[] data = Base64.getDecoder().decode(encrypted.substring(3));
        data[data.length - 1] ^= 1;
        String altered = "v1:" + Base64.getEncoder().encodeToString(data);
        assertThatThrownBy(() -> new MailboxCredentials(KEY).decrypt(altered))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedValuesAndKeysAreRefusedWithAReason() {
        MailboxCredentials credentials = new MailboxCredentials(KEY);
        assertThatThrownBy(() -> credentials.decrypt("plain-password")).hasMessageContaining("v1:");
        assertThatThrownBy(() -> credentials.decrypt("v1:%%%")).hasMessageContaining("not base64");
        assertThatThrownBy(() -> credentials.decrypt("v1:AAAA")).hasMessageContaining("too short");
        assertThatThrownBy(() -> new MailboxCredentials(null)).hasMessageContaining("missing");
        assertThatThrownBy(() -> new MailboxCredentials(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32 bytes");
    }
}
