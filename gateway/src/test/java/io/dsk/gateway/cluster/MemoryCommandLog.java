package io.dsk.gateway.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * A command log in memory, for tests: ordered partitions, records stamped by a test clock, any
 * number of readers. {@link #failAppends} makes appends fail as an unreachable Kafka would;
 * {@link #readOneAtATime} makes every reader's polls return one record each.
 */
public final class MemoryCommandLog implements CommandLog {

    private final List<List<LogRecord>> partitions = new ArrayList<>();
    private final LongSupplier clock;
    private volatile boolean failAppends;
    private volatile boolean oneAtATime;
    private volatile int maxRecordBytes = Integer.MAX_VALUE;

    public MemoryCommandLog(int partitionCount, LongSupplier clock) {
        for (int p = 0; p < partitionCount; p++) {
            partitions.add(new ArrayList<>());
        }
        this.clock = clock;
    }

    /** From now on, appends fail (nothing is written) while {@code fail} holds. */
    public void failAppends(boolean fail) {
        this.failAppends = fail;
    }

    /** From now on, readers opened get one record per poll while {@code one} holds. */
    public void readOneAtATime(boolean one) {
        this.oneAtATime = one;
    }

    /** Refuses larger records from now on, as a Kafka topic's {@code max.message.bytes} does. */
    public void maxRecordBytes(int max) {
        this.maxRecordBytes = max;
    }

    /** Every record of a partition so far. */
    public synchronized List<LogRecord> records(int partition) {
        return List.copyOf(partitions.get(partition));
    }

    @Override
    public int partitions() {
        return partitions.size();
    }

    @Override
    public CompletableFuture<Long> append(int partition, byte[] record) {
        if (failAppends) {
            return CompletableFuture.failedFuture(new IllegalStateException("the log is unreachable"));
        }
        if (record.length > maxRecordBytes) {
            return CompletableFuture.failedFuture(new IllegalStateException("the record is " + record.length
                    + " bytes, larger than the log takes (" + maxRecordBytes + ")"));
        }
        long offset;
        synchronized (this) {
            List<LogRecord> p = partitions.get(partition);
            offset = p.size();
            p.add(new LogRecord(partition, offset, clock.getAsLong(), record));
            notifyAll();
        }
        return CompletableFuture.completedFuture(offset);
    }

    @Override
    public synchronized Map<Integer, Long> endOffsets(Duration timeout) {
        Map<Integer, Long> ends = new HashMap<>();
        for (int p = 0; p < partitions.size(); p++) {
            ends.put(p, (long) partitions.get(p).size());
        }
        return ends;
    }

    @Override
    public Reader reader(Map<Integer, Long> from) {
        return reader(from, oneAtATime ? 1 : Integer.MAX_VALUE);
    }

    /** A reader whose polls return at most {@code perPoll} records, as small fetches would. */
    public Reader reader(Map<Integer, Long> from, int perPoll) {
        long[] next = new long[partitions.size()];
        from.forEach((p, o) -> next[p] = o);
        return new Reader() {
            @Override
            public List<LogRecord> poll(Duration timeout) {
                long deadline = System.nanoTime() + timeout.toNanos();
                synchronized (MemoryCommandLog.this) {
                    while (true) {
                        List<LogRecord> out = new ArrayList<>();
                        for (int p = 0; p < partitions.size(); p++) {
                            List<LogRecord> records = partitions.get(p);
                            while (next[p] < records.size() && out.size() < perPoll) {
                                out.add(records.get((int) next[p]++));
                            }
                        }
                        long left = deadline - System.nanoTime();
                        if (!out.isEmpty() || left <= 0) {
                            return out;
                        }
                        try {
                            MemoryCommandLog.this.wait(Math.max(1, left / 1_000_000));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return out;
                        }
                    }
                }
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void close() {
    }
}
