package io.penguinmails.campaign.config;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock the sequence engine reads: the system clock, or a shifted and accelerated one configured under {@code
 * penguin.engine.clock.*}. A default bean, so tests replace it with one they move by hand.
 */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock(EngineConfig config) {
        EngineConfig.ClockSettings settings = config.clock();
        if (settings.origin().isEmpty() && settings.speed() == 1) {
            return Clock.systemUTC();
        }
        return new ScaledClock(settings.origin().orElseGet(Instant::now), settings.speed(), Clock.systemUTC());
    }

    /** {@code origin + (wall - origin) * speed}: deterministic from the wall clock, so restarts share one timeline. */
    static final class ScaledClock extends Clock {

        private final Instant origin;
        private final long speed;
        private final Clock wall;

        ScaledClock(Instant origin, long speed, Clock wall) {
            this.origin = origin;
            this.speed = speed;
            this.wall = wall;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            Duration elapsed = Duration.between(origin, wall.instant());
            return origin.plus(elapsed.multipliedBy(speed));
        }
    }
}
