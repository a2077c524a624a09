package io.penguinmails.campaign.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the engagement consumers react to bounces, under {@code penguin.engagement.*}. */
@ConfigMapping(prefix = "penguin.engagement")
public interface EngagementConfig {

    /**
     * How long after a soft bounce the bounced email step is sent again ({@code
     * penguin.engagement.soft-bounce-retry-delay}, ISO-8601, env {@code PENGUIN_ENGAGEMENT_SOFT_BOUNCE_RETRY_DELAY}).
     */
    @WithDefault("PT6H")
    Duration softBounceRetryDelay();

    /**
     * How many times one email step of one lead is re-sent after soft bounces before the lead is marked failed
     * ({@code penguin.engagement.soft-bounce-max-retries}).
     */
    @WithDefault("2")
    int softBounceMaxRetries();

    /**
     * How many of a campaign's most recent sends the bounce shield looks at ({@code
     * penguin.engagement.bounce-shield-window}).
     */
    @WithDefault("100")
    int bounceShieldWindow();

    /**
     * The fewest recent sends the bounce shield needs before it may pause a campaign, so that one early bounce does
     * not stop a campaign ({@code penguin.engagement.bounce-shield-min-sample}).
     */
    @WithDefault("20")
    int bounceShieldMinSample();
}
