package io.penguinmails.campaign.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdminTokenCheckTest {

    @Test
    void prodRefusesAMissingToken() {
        assertThatThrownBy(() -> AdminTokenCheck.requireSafe(List.of("prod"), Optional.empty()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PENGUIN_ADMIN_TOKEN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "dev-admin-token", " dev-admin-token "})
    void prodRefusesABlankOrDefaultToken(String token) {
        assertThatThrownBy(() -> AdminTokenCheck.requireSafe(List.of("prod"), Optional.of(token)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("refusing to start");
    }

    @Test
    void prodAcceptsARealToken() {
        assertThatCode(() -> AdminTokenCheck.requireSafe(List.of("prod"), Optional.of("s3cr3t-0f-the-operator")))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "test", "local"})
    void otherProfilesAcceptTheDefault(String profile) {
        assertThatCode(() -> AdminTokenCheck.requireSafe(List.of(profile), Optional.of("dev-admin-token")))
                .doesNotThrowAnyException();
    }
}
