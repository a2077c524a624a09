package io.penguinmails.campaign.config;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;

/**
 * Stops a production start whose admin token is missing, blank or the well-known development default: anyone could
 * otherwise create tenants and mint their tokens.
 */
@ApplicationScoped
public class AdminTokenCheck {

    /** The token the dev, test and local profiles use; public knowledge, so never acceptable in production. */
    public static final String DEV_ADMIN_TOKEN = "dev-admin-token";

    private final CampaignConfig config;

    AdminTokenCheck(CampaignConfig config) {
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        requireSafe(ConfigUtils.getProfiles(), config.adminToken());
    }

    /**
     * Checks the admin token against the active profiles.
     *
     * @throws IllegalStateException when {@code prod} is active and the token is missing, blank or the default
     */
    public static void requireSafe(List<String> activeProfiles, Optional<String> adminToken) {
        if (!activeProfiles.contains("prod")) {
            return;
        }
        String token = adminToken.map(String::strip).orElse("");
        if (token.isEmpty() || token.equals(DEV_ADMIN_TOKEN)) {
            throw new IllegalStateException("refusing to start: set PENGUIN_ADMIN_TOKEN to a secret admin token"
                    + " (it is missing, blank or the development default '" + DEV_ADMIN_TOKEN + "')");
        }
    }
}
