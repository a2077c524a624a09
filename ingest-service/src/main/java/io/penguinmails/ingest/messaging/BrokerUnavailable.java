package io.penguinmails.ingest.messaging;

import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Tells a publish that failed because the broker is away or slow from one that failed because of the job. The first
 * kind says nothing about the job, so it must not use up the job's attempts: a 30 s broker outage with thousands of
 * jobs in flight otherwise killed every job whose five attempts fell inside it.
 */
public final class BrokerUnavailable implements Predicate<Throwable> {

    /** SmallRye's emitter refuses a record while the producer's queue is full, as it is while the broker is away. */
    private static final String EMITTER_QUEUE_FULL = "SRMSG00034";

    @Override
    public boolean test(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RetriableException
                    || t instanceof TimeoutException
                    || (t instanceof IllegalStateException
                            && String.valueOf(t.getMessage()).startsWith(EMITTER_QUEUE_FULL))) {
                return true;
            }
        }
        return false;
    }
}
