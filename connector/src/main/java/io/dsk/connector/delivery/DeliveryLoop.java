package io.dsk.connector.delivery;

import java.util.concurrent.Executor;

/**
 * Where the {@link DeliveryEngine} handles answers and timers: its own thread in a task
 * ({@link DeliveryThread}), the test's thread in unit tests, which then drive time with Kafka's
 * {@code MockTime} instead of sleeping.
 */
interface DeliveryLoop extends Executor, AutoCloseable {

    /**
     * Runs {@code tick} every {@code periodMs} from now on, and after each {@link #tickAfter(long)}.
     *
     * @param tick     sends lingering batches and retries that fell due
     * @param periodMs the period in ms
     */
    void start(Runnable tick, long periodMs);

    /**
     * Runs the tick once more after a delay, so a retry goes out when it falls due rather than at the next
     * period.
     *
     * @param delayMs the delay in ms
     */
    void tickAfter(long delayMs);

    /** Stops running anything. */
    @Override
    void close();
}
