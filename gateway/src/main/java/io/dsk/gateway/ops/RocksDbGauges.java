package io.dsk.gateway.ops;

import io.dsk.gateway.store.RocksDbKeyValueStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Tags;
import java.util.function.ToDoubleFunction;
import org.rocksdb.TickerType;

/**
 * The RocksDB engine's gauges and counters: each reads one integer property or one statistics
 * ticker from memory ({@link RocksDbKeyValueStore#property}, {@link RocksDbKeyValueStore#ticker})
 * when scraped; none scans the data. A value RocksDB cannot give reads NaN.
 */
final class RocksDbGauges {

    private RocksDbGauges() {
    }

    static void bind(RocksDbKeyValueStore rocks, GatewayMetrics metrics) {
        property(metrics, rocks, "dsk.stored.bytes", "rocksdb.live-sst-files-size",
                "Bytes of the store's live SST files on disk (not counting the WAL and memtables).");
        property(metrics, rocks, "dsk.rocksdb.sst.files.bytes", "rocksdb.total-sst-files-size",
                "Bytes of all SST files, including obsolete ones not yet deleted.");
        property(metrics, rocks, "dsk.rocksdb.estimated.live.data.bytes", "rocksdb.estimate-live-data-size",
                "RocksDB's estimate of the bytes of live data.");
        property(metrics, rocks, "dsk.rocksdb.estimated.keys", "rocksdb.estimate-num-keys",
                "RocksDB's estimate of the number of keys (data entries, metadata and indexes).");
        property(metrics, rocks, "dsk.rocksdb.memtable.bytes", "rocksdb.cur-size-all-mem-tables",
                "Bytes of the active and unflushed memtables.");
        property(metrics, rocks, "dsk.rocksdb.write.stopped", "rocksdb.is-write-stopped",
                "1 while RocksDB stops writes (too many memtables, L0 files or pending compaction bytes).");
        property(metrics, rocks, "dsk.rocksdb.delayed.write.rate", "rocksdb.actual-delayed-write-rate",
                "Bytes per second RocksDB slows writes to while it delays them; 0 when it does not.");
        property(metrics, rocks, "dsk.rocksdb.level0.files", "rocksdb.num-files-at-level0",
                "Table files in level 0: compacted from " + RocksDbKeyValueStore.LEVEL0_COMPACTION_TRIGGER
                        + " on; RocksDB slows writes at " + RocksDbKeyValueStore.LEVEL0_SLOWDOWN_TRIGGER
                        + " and stops them at " + RocksDbKeyValueStore.LEVEL0_STOP_TRIGGER + ".");
        property(metrics, rocks, "dsk.rocksdb.compaction.pending", "rocksdb.compaction-pending",
                "1 while at least one compaction is pending.");
        property(metrics, rocks, "dsk.rocksdb.pending.compaction.bytes", "rocksdb.estimate-pending-compaction-bytes",
                "Bytes compaction must rewrite to bring every level under its target size.");
        property(metrics, rocks, "dsk.rocksdb.running.compactions", "rocksdb.num-running-compactions",
                "Compactions running now.");
        ticker(metrics, rocks, "dsk.rocksdb.block.cache.hits", TickerType.BLOCK_CACHE_HIT,
                "Block cache hits.", 1);
        ticker(metrics, rocks, "dsk.rocksdb.block.cache.misses", TickerType.BLOCK_CACHE_MISS,
                "Block cache misses.", 1);
        ticker(metrics, rocks, "dsk.rocksdb.stall.seconds", TickerType.STALL_MICROS,
                "Time writers were stalled or delayed by RocksDB.", 1e-6);
    }

    private static void property(GatewayMetrics metrics, RocksDbKeyValueStore rocks, String name, String property,
                                 String description) {
        metrics.gauge(name, description + " (" + property + ")", Tags.empty(), () -> known(rocks.property(property)));
    }

    private static void ticker(GatewayMetrics metrics, RocksDbKeyValueStore rocks, String name, TickerType ticker,
                               String description, double scale) {
        ToDoubleFunction<RocksDbKeyValueStore> read = r -> known(r.ticker(ticker)) * scale;
        FunctionCounter.builder(name, rocks, read).description(description).register(metrics.registry());
    }

    private static double known(long value) {
        return value == RocksDbKeyValueStore.UNKNOWN ? Double.NaN : value;
    }
}
