package io.dsk.bench.live;

/**
 * One server's memory with a number of idle SSE connections open, against its own baseline
 * measured just before they opened.
 *
 * @param connections SSE connections open and idle
 * @param baseline the server before they opened
 * @param loaded the server with them open
 * @param connectSeconds how long opening them took (all got their first control event)
 */
record IdleSample(int connections, ServerMemory baseline, ServerMemory loaded, double connectSeconds) {

    /** Growth of the resident set per connection, in KiB, without a forced collection. */
    double rssKibPerConnection() {
        return perConnectionKib(loaded.rssBytes() - baseline.rssBytes());
    }

    /** Growth of the resident set per connection, in KiB, both measured after a full collection. */
    double rssAfterGcKibPerConnection() {
        return perConnectionKib(loaded.rssAfterGcBytes() - baseline.rssAfterGcBytes());
    }

    /** Growth of the heap in use per connection, in KiB; NaN for a server whose heap is unknown. */
    double heapKibPerConnection() {
        if (loaded.heapBytes() < 0 || baseline.heapBytes() < 0) {
            return Double.NaN;
        }
        return perConnectionKib(loaded.heapBytes() - baseline.heapBytes());
    }

    private double perConnectionKib(long growthBytes) {
        return growthBytes / 1024.0 / connections;
    }
}
