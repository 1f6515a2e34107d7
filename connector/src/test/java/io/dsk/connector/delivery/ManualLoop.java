package io.dsk.connector.delivery;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.common.utils.MockTime;

/**
 * A {@link DeliveryLoop} that runs nothing by itself: answers queue up until the test runs them with
 * {@link #runPending()} (a {@link ManualTransport} reply does), and the engine's tick runs whenever the
 * test moves the {@link MockTime}. Everything runs on the test's thread, so a test never waits.
 */
final class ManualLoop implements DeliveryLoop {

    private final MockTime time;
    private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();
    private Runnable tick = () -> { };
    private volatile Runnable onQueued = () -> { };

    ManualLoop(MockTime time) {
        this.time = time;
    }

    @Override
    public void execute(Runnable command) {
        pending.add(command);
        onQueued.run();
    }

    /** @param wake called after an answer was queued, by the thread that queued it */
    void onQueued(Runnable wake) {
        this.onQueued = wake;
    }

    boolean hasPending() {
        return !pending.isEmpty();
    }

    @Override
    public void start(Runnable tick, long periodMs) {
        this.tick = tick;
        time.addListener(() -> {
            this.tick.run();
            runPending();
        });
    }

    @Override
    public void tickAfter(long delayMs) {
    }

    /** Runs queued answers, and those they queue in turn, until none is left. */
    void runPending() {
        for (Runnable next = pending.poll(); next != null; next = pending.poll()) {
            next.run();
        }
    }

    @Override
    public void close() {
        pending.clear();
    }
}
