package io.penguinmails.content.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the retention purge. */
@ConfigMapping(prefix = "penguin.content.retention")
public interface RetentionConfig {

    /** How often the purge runs (a Quarkus scheduler interval, or {@code off}); hourly keeps expiry within a day. */
    @WithDefault("1h")
    String purgeEvery();

    /** Rows deleted per statement, so that one purge never holds locks on a large share of the table. */
    @WithDefault("500")
    int batchSize();
}
