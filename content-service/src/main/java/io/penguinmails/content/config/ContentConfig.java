package io.penguinmails.content.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the message store. */
@ConfigMapping(prefix = "penguin.content")
public interface ContentConfig {

    /** Days a message is kept unless its tenant sets another policy (the seeds' default, seven years). */
    @WithDefault("2555")
    int retentionDays();

    /** Distinct bearer tokens whose verification is remembered, so a client's token is verified once, not per call. */
    @WithDefault("10000")
    int verifiedTokens();

    /** How long a verified token is remembered at most; never past its own expiry. */
    @WithDefault("5m")
    Duration verifiedTokenTtl();

    /** How a full-text search finds its page (see {@code MessageQueryRepository}). */
    Search search();

    /** The bounds of a search's walk over the newest messages and of its sorted matches. */
    interface Search {

        /** Newest messages passing the other filters that a search tests first. */
        @WithDefault("2000")
        int walk();

        /** Further messages it tests when the first ones held at least a quarter of a page. */
        @WithDefault("8000")
        int walkFurther();

        /** A search with at most this many matches in the tenant sorts them instead of walking the whole tenant. */
        @WithDefault("5000")
        int sortedHits();
    }
}
