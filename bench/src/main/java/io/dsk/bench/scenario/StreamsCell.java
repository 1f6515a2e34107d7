package io.dsk.bench.scenario;

/**
 * What one held load of the streams scenario measured on one server, and the figures derived from
 * it.
 *
 * @param appendsPerSecond acknowledged appends per second in the measured window
 * @param serverCpuSeconds the server's CPU time over the whole load (warm-up and drain included)
 * @param appendsAcknowledged every append acknowledged over that same load
 * @param generatorCpuSeconds the load generator's CPU time over the same load
 * @param wallSeconds the load's wall time
 * @param cores the machine's cores
 */
record StreamsCell(double appendsPerSecond, double serverCpuSeconds, long appendsAcknowledged,
        double generatorCpuSeconds, double wallSeconds, int cores) {

    /** Server CPU per acknowledged append, in microseconds; NaN when nothing was acknowledged. */
    double serverMicrosPerAppend() {
        return appendsAcknowledged == 0 ? Double.NaN : serverCpuSeconds * 1e6 / appendsAcknowledged;
    }

    /** The load generator's CPU per acknowledged append, in microseconds. */
    double generatorMicrosPerAppend() {
        return appendsAcknowledged == 0 ? Double.NaN : generatorCpuSeconds * 1e6 / appendsAcknowledged;
    }

    /** The server's CPU time over wall time: 1.0 is one core busy. */
    double serverCores() {
        return serverCpuSeconds / wallSeconds;
    }

    /** The load generator's share of the whole machine, 0..1. */
    double generatorShare() {
        return generatorCpuSeconds / (wallSeconds * cores);
    }

    /**
     * The share of a process's CPU time spent in the kernel between two {user, system} tick readings
     * ({@code CpuMeter.userSystemTicks}); NaN when no time passed.
     */
    static double kernelShare(long[] before, long[] after) {
        long user = after[0] - before[0];
        long system = after[1] - before[1];
        return user + system == 0 ? Double.NaN : system / (double) (user + system);
    }

    /**
     * How throughput held up as streams grew: the figure at the most streams over the figure at the
     * fewest; 1.0 or more is "does not fall".
     */
    static double scaling(double atFewest, double atMost) {
        return atMost / atFewest;
    }
}
