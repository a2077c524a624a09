package io.penguinmails.analytics.mapping;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Rates as the API reports them: a percent with 2 decimals, rounded half up like PostgreSQL's ROUND. */
public final class Rates {

    private static final int SCALE = 2;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Rates() {}

    /** {@code part} as a percent of {@code whole}; 0.00 when {@code whole} is 0 rather than a division error. */
    public static BigDecimal percent(long part, long whole) {
        if (whole == 0) {
            return BigDecimal.ZERO.setScale(SCALE);
        }
        return BigDecimal.valueOf(part)
                .multiply(HUNDRED)
                .divide(BigDecimal.valueOf(whole), SCALE, RoundingMode.HALF_UP);
    }

    /** A rate the database computed, with the API's 2 decimals (its 0 for "nothing sent" has none). */
    public static BigDecimal twoDecimals(BigDecimal rate) {
        return rate.setScale(SCALE, RoundingMode.HALF_UP);
    }
}
