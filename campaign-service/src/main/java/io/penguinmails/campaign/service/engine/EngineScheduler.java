package io.penguinmails.campaign.service.engine;

import io.penguinmails.campaign.config.EngineConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Runs an engine pass every second (a pass drains up to {@code max-batches-per-run} batches). Replicas may all run it:
 * the claim queries skip rows another replica holds.
 */
@ApplicationScoped
public class EngineScheduler {

    private static final Logger LOG = Logger.getLogger(EngineScheduler.class);

    private final SequenceEngine engine;
    private final EngineConfig config;

    EngineScheduler(SequenceEngine engine, EngineConfig config) {
        this.engine = engine;
        this.config = config;
    }

    @Scheduled(
            every = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        if (!config.schedulerEnabled()) {
            return;
        }
        try {
            engine.runPass();
        } catch (RuntimeException e) {
            // A failed pass leaves its rows as they were; the next tick tries again.
            LOG.error("engine pass failed", e);
        }
    }
}
