package io.penguinmails.content.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the message store. */
@ConfigMapping(prefix = "penguin.content")
public interface ContentConfig {

    /** Days a message is kept unless its tenant sets another policy (the seeds' default, seven years). */
    @WithDefault("2555")
    int retentionDays();
}
