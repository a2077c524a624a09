package io.penguinmails.campaign.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The settings of campaign-service under {@code penguin.*}; each also reads from its environment variable. */
@ConfigMapping(prefix = "penguin")
public interface CampaignConfig {

    /**
     * The operator's admin token ({@code penguin.admin-token}, env {@code PENGUIN_ADMIN_TOKEN}); it alone may create
     * tenants and issue their tokens. Empty means nobody can. The {@code prod} profile refuses to start without a real
     * one (see {@link AdminTokenCheck}).
     */
    Optional<String> adminToken();

    /** How tokens are signed and issued. */
    Jwt jwt();

    /** Token signing settings under {@code penguin.jwt.*}. */
    interface Jwt {

        /**
         * The folder holding {@code private.pem} (PKCS#8) and {@code public.pem} (X.509) ({@code penguin.jwt.key-dir},
         * env {@code PENGUIN_JWT_KEY_DIR}); a fresh RSA pair is written there at start-up when both are missing.
         */
        @WithDefault(".penguin/keys")
        String keyDir();

        /** How long an issued tenant token stays valid ({@code penguin.jwt.token-lifetime}, ISO-8601). */
        @WithDefault("P30D")
        Duration tokenLifetime();

        /** The {@code iss} claim of issued tokens, which every service verifies ({@code penguin.jwt.issuer}). */
        @WithDefault("penguinmails")
        String issuer();
    }
}
