package io.dsk.gateway.http;

import io.dsk.gateway.ops.GatewayMetrics;
import io.dsk.gateway.store.StreamStore;
import io.dsk.gateway.streams.RetentionPass;
import io.dsk.gateway.streams.Streams;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single-node schedule of retention: each run enforces every stream's policy at the wall
 * clock's time ({@link Streams#enforceRetention}), records the figures, and at most once per
 * compaction interval asks the store to reclaim the ranges dropped since the last compaction.
 * Runs on the sweeper thread, never on the append committer's, so appends never wait for it
 * (beyond one stream's lock while its head is dropped). Cluster mode calls
 * {@link Streams#enforceRetention} from its apply instead, with the time of the log record.
 */
final class RetentionSweeper implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionSweeper.class);

    private final Streams streams;
    private final StreamStore store;
    private final GatewayMetrics metrics;
    private final LongSupplier clock;
    private final long compactionIntervalMillis;
    /** Stream id to the highest earliest position dropped since the last compaction. */
    private final Map<Long, Long> uncompacted = new HashMap<>();
    private long lastCompaction;

    RetentionSweeper(Streams streams, StreamStore store, GatewayMetrics metrics, LongSupplier clock,
                     long compactionIntervalMillis) {
        this.streams = streams;
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
        this.compactionIntervalMillis = compactionIntervalMillis;
        this.lastCompaction = clock.getAsLong();
    }

    @Override
    public void run() {
        try {
            long now = clock.getAsLong();
            RetentionPass pass = streams.enforceRetention(now);
            metrics.retention(pass.droppedBytes(), pass.retainedBytes());
            for (RetentionPass.Truncation t : pass.truncations()) {
                uncompacted.merge(t.id(), t.to(), Math::max);
            }
            if (!uncompacted.isEmpty() && now - lastCompaction >= compactionIntervalMillis) {
                uncompacted.forEach(store::reclaimHead);
                uncompacted.clear();
                lastCompaction = now;
            }
        } catch (RuntimeException e) {
            LOG.warn("retention sweep failed; it runs again shortly", e);
        }
    }
}
