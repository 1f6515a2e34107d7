package io.dsk.bench.measure;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * CPU time of this process's threads over a measured window, summed per group of threads, the
 * group being told by the thread's name. This separates the parts of a benchmark process that share
 * one JVM (e.g. the load generator from an in-process Kafka broker), which the process total cannot.
 * Threads started during the window count from zero; threads that ended before it closed are lost.
 */
public final class ThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ThreadCpu() {
    }

    /**
     * Opens a window now.
     *
     * @param group names the group of a thread by the thread's name, or returns null to leave it out
     * @return the open window
     */
    public static Window start(Function<String, String> group) {
        return new Window(group);
    }

    /** An open measurement window. */
    public static final class Window {

        private final Function<String, String> group;
        private final Map<Long, Long> cpuAtStart = new HashMap<>();
        private final long startNanos;

        private Window(Function<String, String> group) {
            this.group = group;
            for (long id : THREADS.getAllThreadIds()) {
                long used = THREADS.getThreadCpuTime(id);
                if (used >= 0) {
                    cpuAtStart.put(id, used);
                }
            }
            this.startNanos = System.nanoTime();
        }

        /**
         * CPU time per group since the window opened, over wall time (1.0 = one core busy), in the
         * order the groups were first met; the window can be read more than once.
         */
        public Map<String, Double> coresByGroup() {
            double wall = Math.max(1, System.nanoTime() - startNanos);
            Map<String, Long> nanos = new LinkedHashMap<>();
            for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
                String name = info == null ? null : group.apply(info.getThreadName());
                long used = name == null ? -1 : THREADS.getThreadCpuTime(info.getThreadId());
                if (used >= 0) {
                    nanos.merge(name, used - cpuAtStart.getOrDefault(info.getThreadId(), 0L), Long::sum);
                }
            }
            Map<String, Double> cores = new LinkedHashMap<>();
            nanos.forEach((name, used) -> cores.put(name, used / wall));
            return cores;
        }
    }
}
