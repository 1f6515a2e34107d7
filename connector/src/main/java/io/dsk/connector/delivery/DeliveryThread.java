package io.dsk.connector.delivery;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The {@link DeliveryLoop} of a task: one daemon thread runs every answer and every tick. */
final class DeliveryThread implements DeliveryLoop {

    private final ScheduledExecutorService thread;
    private volatile Runnable tick = () -> { };

    DeliveryThread(String name) {
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread named = new Thread(runnable, name);
            named.setDaemon(true);
            return named;
        });
    }

    @Override
    public void execute(Runnable command) {
        thread.execute(command);
    }

    @Override
    public void start(Runnable tick, long periodMs) {
        this.tick = tick;
        thread.scheduleWithFixedDelay(tick, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void tickAfter(long delayMs) {
        thread.schedule(tick, delayMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
