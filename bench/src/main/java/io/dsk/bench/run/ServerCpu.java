package io.dsk.bench.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A server's CPU time over a measured window, in total and by thread group
 * ({@link ServerThreads}), to be divided by the operations it completed in that window: server CPU
 * per append, per catch-up GET, per delivered message.
 *
 * @param cpuSeconds the process's user plus system time over the window
 * @param ticksByGroup clock ticks per thread group over the window, highest first
 */
public record ServerCpu(double cpuSeconds, Map<String, Long> ticksByGroup) {

    /** Clock ticks per second of {@code /proc} CPU times (USER_HZ, 100 on Linux). */
    public static final double TICKS_PER_SECOND = 100;

    /** An open window on one server. */
    public static final class Meter {
        private final ServerUnderTest server;
        private final double cpuStart;
        private final ServerThreads.Snapshot threadsStart;

        private Meter(ServerUnderTest server) {
            this.server = server;
            this.threadsStart = ServerThreads.read(server.pid());
            this.cpuStart = server.cpuSeconds();
        }

        /** The CPU used since the window opened. */
        public ServerCpu stop() {
            double cpu = server.cpuSeconds() - cpuStart;
            return new ServerCpu(cpu, ServerThreads.ticksByGroup(threadsStart, ServerThreads.read(server.pid())));
        }
    }

    /** Opens a window on a server now. */
    public static Meter start(ServerUnderTest server) {
        return new Meter(server);
    }

    /** CPU per operation in microseconds; NaN when there were none. */
    public double microsPer(long operations) {
        return microsPer(cpuSeconds, operations);
    }

    /** CPU seconds per operation in microseconds; NaN when there were none. */
    public static double microsPer(double cpuSeconds, long operations) {
        return operations <= 0 ? Double.NaN : cpuSeconds * 1e6 / operations;
    }

    /** "name 12.3 µs" per thread group above 2% of the window's ticks, per operation. */
    public String byThreadGroup(long operations) {
        return byThreadGroup(ticksByGroup, operations);
    }

    /** "name 12.3 µs" per thread group above 2% of the total ticks, per operation. */
    public static String byThreadGroup(Map<String, Long> ticksByGroup, long operations) {
        long total = ticksByGroup.values().stream().mapToLong(Long::longValue).sum();
        List<String> parts = new ArrayList<>();
        ticksByGroup.forEach((group, ticks) -> {
            if (total > 0 && operations > 0 && ticks * 50 >= total) {
                parts.add(String.format(Locale.ROOT, "%s %.1f µs", group, ticks * 1e6 / TICKS_PER_SECOND / operations));
            }
        });
        return parts.isEmpty() ? "nothing measured" : String.join(", ", parts);
    }
}
