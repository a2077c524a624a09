package io.penguinmails.campaign.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.penguinmails.contracts.MailboxCredentials;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MailboxKeyCheckTest {

    @Test
    void prodRefusesAMissingKey() {
        assertThatThrownBy(() -> MailboxKeyCheck.requireSafe(List.of("prod"), Optional.empty()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PENGUIN_MAILBOX_KEY");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", MailboxKeyConfig.DEV_KEY, "not-base64!", "c2hvcnQ="})
    void prodRefusesABlankDefaultOrMalformedKey(String key) {
        assertThatThrownBy(() -> MailboxKeyCheck.requireSafe(List.of("prod"), Optional.of(key)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("refusing to start");
    }

    @Test
    void prodAcceptsAFreshKey() {
        assertThatCode(() ->
                        MailboxKeyCheck.requireSafe(List.of("prod"), Optional.of(MailboxCredentials.generateKey())))
                .doesNotThrowAnyException();
    }

    @Test
    void otherProfilesAcceptTheDefault() {
        assertThatCode(() -> MailboxKeyCheck.requireSafe(List.of("dev", "test"), Optional.of(MailboxKeyConfig.DEV_KEY)))
                .doesNotThrowAnyException();
    }
}
