package io.penguinmails.analytics.messaging;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.awaitility.core.ThrowingRunnable;

/** Events are counted asynchronously; the API shows them within seconds. */
public final class Eventually {

    private Eventually() {}

    /** Retries the assertion until it holds, for at most 30 s. */
    public static void eventually(ThrowingRunnable assertion) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(assertion);
    }
}
