package io.dsk.bench.scenario;

import io.dsk.bench.measure.LatencyHistogram;
import java.util.List;

/** The arithmetic of the cluster scenario: loads on several nodes merged into one, and the rates it reports. */
final class ClusterFigures {

    private ClusterFigures() {
    }

    /**
     * One load spread over several nodes, seen as one: the appends and failures of all nodes added up, their
     * latencies in one histogram, over the longest of their windows (they ran at the same time).
     *
     * @throws IllegalArgumentException if there is no result
     */
    static ClosedLoopLoad.Result merged(List<ClosedLoopLoad.Result> perNode) {
        if (perNode.isEmpty()) {
            throw new IllegalArgumentException("no load to merge");
        }
        LatencyHistogram latencies = new LatencyHistogram();
        long completed = 0;
        long failures = 0;
        long bodyBytes = 0;
        long allSucceeded = 0;
        double seconds = 0;
        String firstFailure = null;
        for (ClosedLoopLoad.Result r : perNode) {
            latencies.add(r.latencies());
            completed += r.completed();
            failures += r.failures();
            bodyBytes += r.bodyBytes();
            allSucceeded += r.allSucceeded();
            seconds = Math.max(seconds, r.seconds());
            if (firstFailure == null) {
                firstFailure = r.firstFailure();
            }
        }
        return new ClosedLoopLoad.Result(completed, seconds, latencies, failures, firstFailure, bodyBytes,
                allSucceeded);
    }

    /**
     * Server CPU per append: the CPU time of every gateway process over the load, divided by the appends
     * acknowledged.
     *
     * @param cpuSecondsPerNode each node's CPU time used during the load, in seconds
     * @return microseconds per append; NaN when nothing was acknowledged
     */
    static double cpuMicrosPerAppend(List<Double> cpuSecondsPerNode, long appends) {
        if (appends <= 0) {
            return Double.NaN;
        }
        return cpuSecondsPerNode.stream().mapToDouble(Double::doubleValue).sum() * 1e6 / appends;
    }

    /**
     * Rebuild rate: the bytes of the command log a node applied, over the time it took to become ready.
     *
     * @return MB/s (10^6 bytes); NaN for a zero or negative time
     */
    static double rebuildMegabytesPerSecond(long logBytes, long nanos) {
        if (nanos <= 0) {
            return Double.NaN;
        }
        return logBytes / 1e6 / (nanos / 1e9);
    }

    /** The writers of node {@code node} when {@code writers} writers are dealt round robin over {@code nodes}. */
    static int writersOn(int node, int nodes, int writers) {
        if (nodes < 1 || node < 0 || node >= nodes) {
            throw new IllegalArgumentException("node " + node + " of " + nodes);
        }
        return writers / nodes + (node < writers % nodes ? 1 : 0);
    }
}
