package io.penguinmails.campaign.config;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;

/**
 * Stops a production start whose tracking secret is missing, blank or the well-known development default: anyone could
 * otherwise forge click redirects and unsubscribe any lead.
 */
@ApplicationScoped
public class TrackingSecretCheck {

    private final TrackingConfig config;

    TrackingSecretCheck(TrackingConfig config) {
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        requireSafe(ConfigUtils.getProfiles(), config.secret());
    }

    /**
     * Checks the tracking secret against the active profiles.
     *
     * @throws IllegalStateException when {@code prod} is active and the secret is missing, blank or the default
     */
    public static void requireSafe(List<String> activeProfiles, Optional<String> secret) {
        if (!activeProfiles.contains("prod")) {
            return;
        }
        String value = secret.map(String::strip).orElse("");
        if (value.isEmpty() || value.equals(TrackingConfig.DEV_SECRET)) {
            throw new IllegalStateException("refusing to start: set PENGUIN_TRACKING_SECRET to a secret value"
                    + " (it is missing, blank or the development default)");
        }
    }
}
