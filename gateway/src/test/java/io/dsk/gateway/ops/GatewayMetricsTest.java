package io.dsk.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

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
                "dsk_http_requests_total{route=\"append\",status=\"204\"} 2",
                "dsk_http_requests_total{route=\"read\",status=\"200\"} 1",
                "dsk_appends_total 1", "dsk_bytes_in_total 10", "dsk_bytes_out_total 7",
                "dsk_live_connections{mode=\"sse\"} 1");
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
        assertThat(buckets.get(0)).isEqualTo("dsk_store_latency_seconds_bucket{op=\"read\",le=\"0.0005\"} 1");
        assertThat(buckets.get(buckets.size() - 1)).isEqualTo("dsk_store_latency_seconds_bucket{op=\"read\",le=\"+Inf\"} 3");
        assertThat(metrics.scrape()).contains("dsk_store_latency_seconds_count{op=\"read\"} 3");
    }

    @Test
    void writesInFlightGaugeReadsItsSource() {
        GatewayMetrics metrics = new GatewayMetrics();
        assertThat(metrics.scrape()).contains("dsk_writes_in_flight 0\n");

        metrics.writesInFlightFrom(() -> 3);

        assertThat(metrics.scrape()).contains("# TYPE dsk_writes_in_flight gauge\n", "dsk_writes_in_flight 3\n");
    }

    @Test
    void retentionCountsDroppedBytesAndGaugesRetainedBytes() {
        GatewayMetrics metrics = new GatewayMetrics();

        metrics.retention(100, 900);
        metrics.retention(50, 850);

        assertThat(metrics.scrape()).contains("dsk_retention_dropped_bytes_total 150\n")
                .contains("# TYPE dsk_retention_retained_bytes gauge\ndsk_retention_retained_bytes 850\n");
    }

    @Test
    void liveConnectionsGoBackDownWhenClosed() {
        GatewayMetrics metrics = new GatewayMetrics();
        metrics.liveConnectionOpened("long-poll");
        metrics.liveConnectionOpened("sse");
        metrics.liveConnectionClosed("long-poll");

        assertThat(metrics.openLiveConnections()).isEqualTo(1);
        assertThat(metrics.scrape()).contains("dsk_live_connections{mode=\"long-poll\"} 0");
    }

    @Test
    void freeSpaceOfTheDataDirIsAGaugeOnceItHasASource() {
        GatewayMetrics metrics = new GatewayMetrics();
        assertThat(metrics.scrape()).doesNotContain("dsk_data_dir_free_bytes");

        metrics.dataDirFreeBytesFrom(() -> 123_456_789_012L);

        assertThat(Arrays.asList(metrics.scrape().split("\n"))).containsSubsequence(
                "# TYPE dsk_data_dir_free_bytes gauge", "dsk_data_dir_free_bytes 123456789012");
    }
}
