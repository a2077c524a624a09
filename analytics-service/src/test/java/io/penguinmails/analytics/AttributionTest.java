package io.penguinmails.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.penguinmails.contracts.AnalyticsEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AttributionTest {

    private static final Instant LATE_UTC_EVENING = Instant.parse("2025-06-02T22:30:00Z");

    @Test
    void theDayIsTheTenantsLocalDay() {
        AnalyticsEvent event = event(null, null, null, null);
        assertThat(Attribution.of(event, ZoneOffset.UTC).date()).isEqualTo(LocalDate.of(2025, 6, 2));
        assertThat(Attribution.of(event, ZoneId.of("Europe/Berlin")).date()).isEqualTo(LocalDate.of(2025, 6, 3));
        assertThat(Attribution.of(event, ZoneId.of("America/New_York")).date()).isEqualTo(LocalDate.of(2025, 6, 2));
    }

    @Test
    void missingAttributionIsStoredAsEmpty() {
        Attribution attribution = Attribution.of(event(null, null, null, null), ZoneOffset.UTC);
        assertThat(attribution.campaignId()).isEmpty();
        assertThat(attribution.mailboxId()).isEmpty();
        assertThat(attribution.stepId()).isEmpty();
    }

    @Test
    void warmUpTrafficIsNeverAttributedToACampaignOrStep() {
        AnalyticsEvent warmup = new AnalyticsEvent(
                AnalyticsEvent.SCHEMA_VERSION,
                "opened",
                "6f1c1c7e-6a4e-4a53-9a55-0d2f6a8f3c11",
                LATE_UTC_EVENING,
                "camp",
                "s1",
                "mbx-1",
                null,
                "key-1",
                true);
        Attribution attribution = Attribution.of(warmup, ZoneId.of("Europe/Berlin"));
        assertThat(attribution.campaignId()).isEmpty();
        assertThat(attribution.stepId()).isEmpty();
        assertThat(attribution.mailboxId()).isEqualTo("mbx-1");
        assertThat(attribution.date()).isEqualTo(LocalDate.of(2025, 6, 3));
    }

    @Test
    void aMessageIsItsStorageKeyElseItsLeadAndStepElseUnknown() {
        assertThat(Attribution.messageKey(event("camp", "s1", "lead-1", "key-1")))
                .isEqualTo("key-1");
        assertThat(Attribution.messageKey(event("camp", "s1", "lead-1", null))).isEqualTo("lead:lead-1/camp/s1");
        assertThat(Attribution.messageKey(event("camp", null, "lead-1", null))).isNull();
        assertThat(Attribution.messageKey(event("camp", "s1", null, null))).isNull();
    }

    private static AnalyticsEvent event(String campaignId, String stepId, String leadId, String storageKey) {
        return new AnalyticsEvent(
                AnalyticsEvent.SCHEMA_VERSION,
                "opened",
                "6f1c1c7e-6a4e-4a53-9a55-0d2f6a8f3c11",
                LATE_UTC_EVENING,
                campaignId,
                stepId,
                null,
                leadId,
                storageKey);
    }
}
