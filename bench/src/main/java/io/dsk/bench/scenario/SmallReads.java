package io.dsk.bench.scenario;

import io.dsk.bench.run.ServerCpu;

/**
 * What the held small-stream reads of the catch-up scenario measured on one server, and the
 * figures derived from it.
 *
 * @param completed whole-stream GETs answered inside the window
 * @param seconds the window's length
 * @param answered every GET answered while the server's CPU was metered (the window and the last
 *     responses drained after it)
 * @param serverCpuSeconds the server's CPU time over that same time
 * @param streamsPerPass the small streams, each read once per pass
 */
record SmallReads(long completed, double seconds, long answered, double serverCpuSeconds, int streamsPerPass) {

    /** Server CPU per answered GET, in microseconds; NaN when none was answered. */
    double serverMicrosPerGet() {
        return ServerCpu.microsPer(serverCpuSeconds, answered);
    }

    /** GETs answered per second of the window. */
    double getsPerSecond() {
        return completed / seconds;
    }

    /** The time one pass over every small stream takes at the window's rate. */
    double secondsPerPass() {
        return streamsPerPass / getsPerSecond();
    }
}
