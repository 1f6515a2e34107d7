package io.dsk.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time used during a measured window by this process (split by thread role) and by a server
 * child process. Process totals come from {@code /proc} through {@link ProcessHandle.Info}.
 */
final class CpuMeter {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final ProcessHandle server;
    private final long startNanos;
    private final Duration selfStart;
    private final Duration serverStart;
    private final Map<Long, Long> threadStart;
    private final long[] machineStart;

    /** Starts a window now. */
    CpuMeter(ProcessHandle server) {
        this.server = server;
        this.threadStart = threadCpu();
        this.machineStart = io.dsk.bench.run.CpuMeter.machineTicks();
        this.selfStart = cpu(ProcessHandle.current());
        this.serverStart = cpu(server);
        this.startNanos = System.nanoTime();
    }

    /** CPU used since the window started, as shares of one core, by role. */
    Map<String, Double> coresUsed() {
        double wall = System.nanoTime() - startNanos;
        Map<String, Double> shares = new LinkedHashMap<>();
        long[] machineEnd = io.dsk.bench.run.CpuMeter.machineTicks();
        long total = machineEnd[0] - machineStart[0];
        if (total > 0) {
            double cores = Runtime.getRuntime().availableProcessors();
            shares.put("machine, all processes", cores * (machineEnd[1] - machineStart[1]) / total);
        }
        shares.put("server", (cpu(server).minus(serverStart)).toNanos() / wall);
        shares.put("bench process", (cpu(ProcessHandle.current()).minus(selfStart)).toNanos() / wall);
        Map<String, Long> byRole = new LinkedHashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long used = threads.getThreadCpuTime(info.getThreadId());
            if (used < 0) {
                continue;
            }
            used -= threadStart.getOrDefault(info.getThreadId(), 0L);
            byRole.merge(role(info.getThreadName()), used, Long::sum);
        }
        byRole.forEach((role, nanos) -> shares.put("  " + role, nanos / wall));
        return shares;
    }

    /** Which part of the benchmark process a thread belongs to, by the names Kafka and the JDK give. */
    static String role(String threadName) {
        if (threadName.startsWith("task-thread-")) {
            return "connector task thread";
        }
        if (threadName.startsWith("dsk-delivery-")) {
            return "connector delivery thread";
        }
        if (threadName.startsWith("HttpClient-") || threadName.equals("dsk-http")) {
            return "connector HTTP client";
        }
        if (threadName.equals("main")) {
            return "completion probe";
        }
        return "Kafka broker, worker, JVM";
    }

    private Map<Long, Long> threadCpu() {
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            cpu.put(id, threads.getThreadCpuTime(id));
        }
        return cpu;
    }

    private static Duration cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }
}
