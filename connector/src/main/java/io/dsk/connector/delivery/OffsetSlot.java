package io.dsk.connector.delivery;

import java.util.concurrent.Future;

/** The delivery state of one Kafka offset: pending, done, or waiting for the errant record reporter. */
final class OffsetSlot {

    final long offset;
    private boolean done;
    private Future<?> report;

    OffsetSlot(long offset) {
        this.offset = offset;
    }

    void markDone() {
        done = true;
    }

    void awaitReport(Future<?> future) {
        report = future;
    }

    /**
     * @return whether the record needs nothing more: written, skipped, or reported
     * @throws java.util.concurrent.ExecutionException if the reporter failed
     */
    boolean isDone() throws java.util.concurrent.ExecutionException, InterruptedException {
        if (!done && report != null && report.isDone()) {
            report.get();
            done = true;
        }
        return done;
    }
}
