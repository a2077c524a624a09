package io.penguinmails.analytics.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.BadRequestException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DateRangeTest {

    private static final LocalDate TODAY = LocalDate.of(2025, 6, 30);

    @Test
    void withoutDatesTheRangeIsTheLast30DaysUpToToday() {
        assertThat(DateRange.parse(null, "", TODAY)).isEqualTo(new DateRange(LocalDate.of(2025, 6, 1), TODAY));
    }

    @Test
    void aSingleDayIsARange() {
        assertThat(DateRange.parse("2025-01-05", "2025-01-05", TODAY))
                .isEqualTo(new DateRange(LocalDate.of(2025, 1, 5), LocalDate.of(2025, 1, 5)));
    }

    @Test
    void aMalformedDateNamesTheParameter() {
        assertThatThrownBy(() -> DateRange.parse("2025-01-05", "05/01/2025", TODAY))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("to must be a date");
    }

    @Test
    void fromAfterToIsRefused() {
        assertThatThrownBy(() -> DateRange.parse("2025-01-06", "2025-01-05", TODAY))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("is after");
    }

    @Test
    void aRangeOfAFullLeapYearIsTheLongestAllowed() {
        assertThat(DateRange.parse("2024-01-01", "2024-12-31", TODAY).from()).isEqualTo(LocalDate.of(2024, 1, 1));
        assertThatThrownBy(() -> DateRange.parse("2024-01-01", "2025-01-01", TODAY))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("at most 366 days");
    }
}
