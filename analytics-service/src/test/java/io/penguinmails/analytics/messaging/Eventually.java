package io.penguinmails.analytics.messaging;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.awaitility.core.ThrowingRunnable;

/** Events are counted asynchronously; the API shows them within seconds. */
public final class Eventually {

    private Eventually() {}

    /**
     * Retries the assertion until it holds, for at most 120 s: the first test of a JVM also waits for the consumer
     * group to form, which took almost two minutes on the overloaded shared test machine.
     */
    public static void eventually(ThrowingRunnable assertion) {
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(assertion);
    }
}
