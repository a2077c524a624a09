package io.penguinmails.content.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of in-app notifications. */
@ConfigMapping(prefix = "penguin.notifications")
public interface NotificationConfig {

    /** How often expired notifications are deleted (a Quarkus scheduler interval, or {@code off}). */
    @WithDefault("10m")
    String purgeEvery();

    /** Rows deleted per statement, so that a purge never holds locks on many rows at once. */
    @WithDefault("500")
    int purgeBatchSize();
}
