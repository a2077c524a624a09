package io.penguinmails.analytics.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.penguinmails.analytics.config.AnalyticsConfig;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MailboxHealthTest {

    private static final AnalyticsConfig.MailboxHealth THRESHOLDS = new AnalyticsConfig.MailboxHealth() {
        @Override
        public BigDecimal warningBounceRate() {
            return BigDecimal.valueOf(2);
        }

        @Override
        public BigDecimal criticalBounceRate() {
            return BigDecimal.valueOf(5);
        }
    };

    @Test
    void aMailboxThatSentNothingHasNoData() {
        assertThat(MailboxHealth.label(0, BigDecimal.ZERO, THRESHOLDS)).isEqualTo("no_data");
    }

    @Test
    void eachThresholdIsInclusive() {
        assertThat(MailboxHealth.label(100, new BigDecimal("1.99"), THRESHOLDS)).isEqualTo("healthy");
        assertThat(MailboxHealth.label(100, new BigDecimal("2.00"), THRESHOLDS)).isEqualTo("warning");
        assertThat(MailboxHealth.label(100, new BigDecimal("4.99"), THRESHOLDS)).isEqualTo("warning");
        assertThat(MailboxHealth.label(100, new BigDecimal("5.00"), THRESHOLDS)).isEqualTo("critical");
    }
}
