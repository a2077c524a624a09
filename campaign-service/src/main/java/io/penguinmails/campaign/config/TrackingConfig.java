package io.penguinmails.campaign.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Open and click tracking and unsubscribe links, under {@code penguin.tracking.*}. */
@ConfigMapping(prefix = "penguin.tracking")
public interface TrackingConfig {

    /** The secret the dev, test and local profiles use; public knowledge, so never acceptable in production. */
    String DEV_SECRET = "penguinmails-dev-tracking-secret";

    /**
     * The HMAC-SHA256 key that signs tracking and unsubscribe tokens ({@code penguin.tracking.secret}, env {@code
     * PENGUIN_TRACKING_SECRET}). Replicas must share it, and changing it invalidates the links in every mail already
     * sent. The {@code prod} profile refuses to start without a real one (see {@link TrackingSecretCheck}).
     */
    Optional<String> secret();

    /**
     * The public base URL recipients reach the tracking and unsubscribe endpoints on ({@code
     * penguin.tracking.public-base-url}, env {@code PENGUIN_TRACKING_BASE_URL}), without a trailing slash; in
     * production an https URL in front of this service.
     */
    @WithDefault("http://127.0.0.1:8083")
    String publicBaseUrl();
}
