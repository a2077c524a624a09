package io.penguinmails.campaign.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Companies, domains, mailboxes, leads and templates, under {@code penguin.workspace.*}. */
@ConfigMapping(prefix = "penguin.workspace")
public interface WorkspaceConfig {

    /** Lead CSV imports. */
    Import leadImport();

    /** Settings of the background lead import under {@code penguin.workspace.lead-import.*}. */
    interface Import {

        /**
         * Data rows committed per transaction ({@code penguin.workspace.lead-import.batch-size}); a restart redoes at
         * most one batch.
         */
        @WithDefault("2000")
        int batchSize();

        /**
         * How long a worker holds an import without committing a batch before another instance may take it over
         * ({@code penguin.workspace.lead-import.lease}, ISO-8601).
         */
        @WithDefault("PT60S")
        Duration lease();

        /** The largest number of data rows one import may have ({@code penguin.workspace.lead-import.max-rows}). */
        @WithDefault("200000")
        int maxRows();

        /**
         * How often the worker looks for queued imports ({@code penguin.workspace.lead-import.poll-interval}, a
         * Quarkus scheduler period such as {@code 1s}); read by the {@code @Scheduled} expression of the worker.
         */
        @WithDefault("1s")
        String pollInterval();
    }
}
