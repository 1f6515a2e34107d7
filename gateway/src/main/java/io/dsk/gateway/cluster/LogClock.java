package io.dsk.gateway.cluster;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * Time for a replica. While the applier applies a command, time is the log's: the greatest record
 * timestamp seen so far in that command's partition, so every node decides TTL and expiry alike.
 * Anywhere else (reads deciding whether a stream has expired) it is the later of the log's time and
 * the local clock, so a stream past its deadline reads as gone at once, as on a single node, while
 * its removal waits for the sweep command.
 */
final class LogClock implements LongSupplier {

    private final AtomicLongArray partitionTime;
    private final LongSupplier wallClock;
    private volatile Thread applier;
    private int applying = -1;

    LogClock(int partitions, LongSupplier wallClock) {
        this.partitionTime = new AtomicLongArray(partitions);
        this.wallClock = wallClock;
    }

    @Override
    public long getAsLong() {
        if (Thread.currentThread() == applier && applying >= 0) {
            return partitionTime.get(applying);
        }
        long latest = 0;
        for (int p = 0; p < partitionTime.length(); p++) {
            latest = Math.max(latest, partitionTime.get(p));
        }
        return Math.max(latest, wallClock.getAsLong());
    }

    /** The log's time of a partition. */
    long logTime(int partition) {
        return partitionTime.get(partition);
    }

    /** Restores a partition's time from its checkpoint. */
    void restore(int partition, long millis) {
        partitionTime.set(partition, millis);
    }

    /** The applier is about to apply a record of {@code partition} stamped {@code timestamp}; called on the applier's thread. */
    void applying(int partition, long timestamp) {
        applier = Thread.currentThread();
        applying = partition;
        if (timestamp > partitionTime.get(partition)) {
            partitionTime.set(partition, timestamp);
        }
    }

    /** The applier finished the command. */
    void applied() {
        applying = -1;
    }
}
