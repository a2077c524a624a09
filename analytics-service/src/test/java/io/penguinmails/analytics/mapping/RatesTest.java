package io.penguinmails.analytics.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class RatesTest {

    @Test
    void aRateIsAPercentWithTwoDecimalsRoundedHalfUp() {
        assertThat(Rates.percent(1, 3)).isEqualTo(new BigDecimal("33.33"));
        assertThat(Rates.percent(2, 3)).isEqualTo(new BigDecimal("66.67"));
        assertThat(Rates.percent(1, 8)).isEqualTo(new BigDecimal("12.50"));
    }

    @Test
    void nothingSentIsARateOfZeroNotAnError() {
        assertThat(Rates.percent(5, 0)).isEqualTo(new BigDecimal("0.00"));
    }

    @Test
    void opensCountedOnALaterDayMayExceedOneHundredPercent() {
        assertThat(Rates.percent(15, 1)).isEqualTo(new BigDecimal("1500.00"));
    }

    @Test
    void theDatabasesUnscaledZeroGetsTwoDecimals() {
        assertThat(Rates.twoDecimals(BigDecimal.ZERO)).isEqualTo(new BigDecimal("0.00"));
    }
}
