package io.dsk.bench.report;

/** Which way a figure improves: throughput is better {@link #HIGHER}, latency and memory {@link #LOWER}. */
public enum Direction {
    HIGHER,
    LOWER
}
