package io.penguinmails.analytics.service;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What a rebuild did.
 *
 * @param counted records counted into the aggregates
 * @param duplicates records whose {@code ce_id} had already been counted during the replay (redeliveries)
 * @param skipped records that break the contract (they went to the dead-letter topic when first consumed)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RebuildResult(long counted, long duplicates, long skipped) {

    /** Counts outcomes while a rebuild runs. */
    static final class Tally {
        private long counted;
        private long duplicates;
        private long skipped;

        void replayed(boolean wasNew) {
            if (wasNew) {
                counted++;
            } else {
                duplicates++;
            }
        }

        void skipped() {
            skipped++;
        }

        RebuildResult result() {
            return new RebuildResult(counted, duplicates, skipped);
        }
    }
}
