package io.dsk.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.dsk.gateway.store.InMemoryKeyValueStore;
import io.dsk.gateway.store.RocksDbKeyValueStore;
import io.dsk.gateway.store.StreamStore;
import io.dsk.gateway.store.WriteBatch;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayMetricsTest {

    /** A sample line of the Prometheus text format 0.0.4: name, optional labels, value. */
    private static final Pattern SAMPLE = Pattern.compile(
            "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"[^\"\\\\\\n]*\",?)*\\})? -?[0-9.eE+-]+|.* \\+Inf|.* NaN");
    private static final Pattern COMMENT = Pattern.compile("# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+");

    @Test
    void scrapeIsValidTextFormatWithHelpAndTypeBeforeSamples() {
        GatewayMetrics metrics = new GatewayMetrics();
        metrics.requestCompleted("append", 204);
        metrics.requestCompleted("append", 204);
        metrics.requestCompleted("read", 200);
        metrics.appended(10);
        metrics.bytesOut(7);
        metrics.liveConnectionOpened("sse");
        metrics.storeLatency("append", 3_000_000);

        List<String> lines = Arrays.asList(metrics.scrape().split("\n"));

        assertThat(lines).allSatisfy(line -> assertThat(line).matches(l -> COMMENT.matcher(l).matches()
                || SAMPLE.matcher(l).matches(), "comment or sample"));
        assertThat(lines).contains(
                "dsk_http_requests_total{route=\"append\",status=\"204\"} 2.0",
                "dsk_http_requests_total{route=\"read\",status=\"200\"} 1.0",
                "dsk_appends_total 1.0", "dsk_bytes_in_total 10.0", "dsk_bytes_out_total 7.0",
                "dsk_live_connections{mode=\"sse\"} 1.0");
        for (String family : List.of("dsk_http_requests_total", "dsk_appends_total", "dsk_live_connections",
                "dsk_store_latency_seconds")) {
            int type = lines.indexOf(lines.stream().filter(l -> l.startsWith("# TYPE " + family + " ")).findFirst()
                    .orElseThrow());
            int firstSample = lines.indexOf(lines.stream().filter(l -> l.startsWith(family)).findFirst().orElseThrow());
            assertThat(type).as(family).isLessThan(firstSample);
        }
    }

    @Test
    void histogramBucketsAreCumulativeAndInfEqualsCount() {
        GatewayMetrics metrics = new GatewayMetrics();
        metrics.storeLatency("read", 100_000);
        metrics.storeLatency("read", 3_000_000);
        metrics.storeLatency("read", 30_000_000_000L);

        List<String> buckets = Arrays.stream(metrics.scrape().split("\n"))
                .filter(l -> l.startsWith("dsk_store_latency_seconds_bucket{op=\"read\""))
                .collect(Collectors.toList());
        List<Long> counts = buckets.stream().map(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1)))
                .collect(Collectors.toList());

        assertThat(counts).isSorted();
        assertThat(buckets.get(0)).isEqualTo("dsk_store_latency_seconds_bucket{op=\"read\",le=\"5.0E-4\"} 1");
        assertThat(buckets.get(buckets.size() - 1)).isEqualTo("dsk_store_latency_seconds_bucket{op=\"read\",le=\"+Inf\"} 3");
        assertThat(metrics.scrape()).contains("dsk_store_latency_seconds_count{op=\"read\"} 3");
    }

    @Test
    void writesInFlightGaugeReadsItsSource() {
        GatewayMetrics metrics = new GatewayMetrics();
        assertThat(metrics.scrape()).contains("dsk_writes_in_flight 0.0\n");

        metrics.writesInFlightFrom(() -> 3);

        assertThat(metrics.scrape()).contains("# TYPE dsk_writes_in_flight gauge\n", "dsk_writes_in_flight 3.0\n");
    }

    @Test
    void retentionCountsDroppedBytesAndGaugesRetainedBytes() {
        GatewayMetrics metrics = new GatewayMetrics();
        // Registered once, with the gateway, not at every pass (a gauge registered again is ignored
        // with a warning in the gateway's log).
        assertThat(metrics.scrape()).contains("dsk_retention_dropped_bytes_total 0.0\n")
                .contains("dsk_retention_retained_bytes 0.0\n");

        metrics.retention(100, 900);
        metrics.retention(50, 850);

        assertThat(metrics.scrape()).contains("dsk_retention_dropped_bytes_total 150.0\n")
                .contains("# TYPE dsk_retention_retained_bytes gauge\n")
                .contains("dsk_retention_retained_bytes 850.0\n");
    }

    @Test
    void liveConnectionsGoBackDownWhenClosed() {
        GatewayMetrics metrics = new GatewayMetrics();
        metrics.liveConnectionOpened("long-poll");
        metrics.liveConnectionOpened("sse");
        metrics.liveConnectionClosed("long-poll");

        assertThat(metrics.openLiveConnections()).isEqualTo(1);
        assertThat(metrics.scrape()).contains("dsk_live_connections{mode=\"long-poll\"} 0.0");
    }

    @Test
    void freeSpaceOfTheDataDirIsAGaugeOnceItHasASource() {
        GatewayMetrics metrics = new GatewayMetrics();
        assertThat(metrics.scrape()).doesNotContain("dsk_data_dir_free_bytes");

        metrics.dataDirFreeBytesFrom(() -> 123_456_789_012L);

        assertThat(Arrays.asList(metrics.scrape().split("\n"))).containsSubsequence(
                "# TYPE dsk_data_dir_free_bytes gauge", "dsk_data_dir_free_bytes 1.23456789012E11");
    }

    @Test
    void commitsAreRecordedAsAppendsPerCommitAndCommitLatency() {
        GatewayMetrics metrics = new GatewayMetrics();
        metrics.committed(3, 2_000_000);
        metrics.committed(1, 4_000_000);

        assertThat(metrics.scrape()).contains("# TYPE dsk_commit_appends histogram", "dsk_commit_appends_count 2",
                "dsk_commit_appends_sum 4.0", "dsk_commit_appends_bucket{le=\"2.0\"} 1",
                "# TYPE dsk_commit_latency_seconds histogram", "dsk_commit_latency_seconds_count 2",
                "dsk_commit_latency_seconds_sum 0.006");
    }

    @Test
    void aGaugeOfAnotherPartIsOneCallWithItsLabelsAndCanBeRemoved() {
        GatewayMetrics metrics = new GatewayMetrics();

        Gauge lag = metrics.gauge("dsk.cluster.apply.lag.records", "Log records not yet applied.",
                Tags.of("partition", "3"), () -> 42);

        assertThat(Arrays.asList(metrics.scrape().split("\n"))).containsSubsequence(
                "# TYPE dsk_cluster_apply_lag_records gauge", "dsk_cluster_apply_lag_records{partition=\"3\"} 42.0");
        metrics.registry().remove(lag);
        assertThat(metrics.scrape()).doesNotContain("dsk_cluster_apply_lag_records");
    }

    @Test
    void readinessIsAGaugeOfItsSource() {
        GatewayMetrics metrics = new GatewayMetrics();
        assertThat(metrics.scrape()).contains("dsk_ready 1.0\n");

        metrics.readyFrom(() -> false);

        assertThat(metrics.scrape()).contains("dsk_ready 0.0\n");
    }

    @Test
    void jvmAndProcessMetricsAreIncluded() {
        try (GatewayMetrics metrics = new GatewayMetrics()) {
            assertThat(metrics.scrape()).contains("jvm_memory_used_bytes{", "jvm_threads_live_threads ",
                    "jvm_classes_loaded_classes ", "process_cpu_usage ", "process_uptime_seconds ",
                    "process_files_open_files ", "process_files_max_files ");
        }
    }

    @Test
    void anInMemoryStoreAddsTheStreamCountAndWhatItHolds() {
        GatewayMetrics metrics = new GatewayMetrics();
        InMemoryKeyValueStore engine = new InMemoryKeyValueStore();
        metrics.bindStore(new StreamStore(engine), engine);
        engine.write(new WriteBatch().put(bytes("k1"), bytes("v")), true);

        assertThat(metrics.scrape()).contains("dsk_streams 0.0\n", "dsk_in_memory_store_bytes "
                + (3 + InMemoryKeyValueStore.ENTRY_OVERHEAD) + ".0\n").doesNotContain("dsk_rocksdb_", "dsk_stored_bytes", "dsk_entry_cache");
    }

    @Test
    void aRocksDbStoreAddsItsGaugesAndTimesEverySyncedWrite(@TempDir Path dir) throws Exception {
        GatewayMetrics metrics = new GatewayMetrics();
        try (RocksDbKeyValueStore rocks = RocksDbKeyValueStore.open(dir)) {
            metrics.bindStore(new StreamStore(rocks), rocks);
            rocks.write(new WriteBatch().put(bytes("k1"), bytes("v")), true);
            rocks.write(new WriteBatch().put(bytes("k2"), bytes("v")), false);
            rocks.get(bytes("k1"));

            String scrape = metrics.scrape();

            assertThat(scrape).contains("dsk_wal_sync_seconds_count 1\n", "dsk_rocksdb_write_stopped 0.0\n",
                    "dsk_rocksdb_delayed_write_rate 0.0\n", "dsk_rocksdb_compaction_pending 0.0\n",
                    "dsk_rocksdb_level0_files 0.0\n",
                    "dsk_rocksdb_pending_compaction_bytes ", "dsk_rocksdb_block_cache_hits_total ",
                    "dsk_rocksdb_block_cache_misses_total ", "dsk_rocksdb_stall_seconds_total ", "dsk_stored_bytes ",
                    "dsk_rocksdb_estimated_keys ", "dsk_rocksdb_memtable_bytes ", "dsk_streams ",
                    "dsk_entry_cache_bytes 0.0\n", "dsk_entry_cache_hits_total 0.0\n",
                    "dsk_entry_cache_misses_total 0.0\n");
            assertThat(scrape).doesNotContain("NaN");
        }
        assertThat(metrics.scrape()).as("read after close").contains("dsk_rocksdb_write_stopped NaN");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
