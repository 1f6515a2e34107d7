package io.dsk.bench.run;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU use over a measured window, from {@code /proc}: the whole machine ({@code /proc/stat}), this
 * process (the load generator) and the servers. Open a {@link Window} before the load starts and
 * close it when it ends.
 */
public final class CpuMeter {

    private final OperatingSystemMXBean os =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** Online cores as the JVM sees them. */
    public int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** CPU time this process has used so far, in seconds. */
    public double selfSeconds() {
        return os.getProcessCpuTime() / 1e9;
    }

    /**
     * Starts a window now.
     *
     * @param servers servers whose CPU to account separately
     * @return the open window
     */
    public Window start(ServerUnderTest... servers) {
        return new Window(List.of(servers));
    }

    /**
     * CPU use over one window.
     *
     * @param wallSeconds the window's length
     * @param machineBusyShare busy time of all cores over the window, 0..1, other processes included
     * @param generatorShare this process's CPU time over wall time times cores, 0..1
     * @param serverCores per server name, its CPU time over wall time (1.0 = one core busy)
     */
    public record Usage(double wallSeconds, double machineBusyShare, double generatorShare,
            Map<String, Double> serverCores) {
    }

    /** An open measurement window. */
    public final class Window {

        private final List<ServerUnderTest> servers;
        private final long startNanos = System.nanoTime();
        private final long[] machineStart = machineTicks();
        private final double selfStart = selfSeconds();
        private final Map<String, Double> serverStart = new LinkedHashMap<>();

        private Window(List<ServerUnderTest> servers) {
            this.servers = servers;
            servers.forEach(s -> serverStart.put(s.name(), s.cpuSeconds()));
        }

        /** CPU used since the window opened; the window can be read more than once. */
        public Usage stop() {
            double wall = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
            long[] machineEnd = machineTicks();
            long total = machineEnd[0] - machineStart[0];
            double machine = total > 0 ? (machineEnd[1] - machineStart[1]) / (double) total : Double.NaN;
            Map<String, Double> serverCores = new LinkedHashMap<>();
            servers.forEach(s -> serverCores.put(s.name(), (s.cpuSeconds() - serverStart.get(s.name())) / wall));
            return new Usage(wall, machine, (selfSeconds() - selfStart) / (wall * cores()), serverCores);
        }
    }

    /** {total, busy} jiffies of all CPUs from the first line of {@code /proc/stat}; zeros if unreadable. */
    private static long[] machineTicks() {
        try {
            return parseStatLine(Files.readAllLines(Path.of("/proc/stat")).get(0));
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /**
     * Parses {@code cpu user nice system idle iowait irq softirq steal ...}: total is the sum of the
     * first eight counters, busy is total minus idle and iowait.
     */
    static long[] parseStatLine(String line) {
        String[] f = line.trim().split("\\s+");
        long total = 0;
        for (int i = 1; i <= Math.min(8, f.length - 1); i++) {
            total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
        return new long[] {total, total - idle};
    }

    /** The 1, 5 and 15 minute load averages from {@code /proc/loadavg}, e.g. "1.52 1.10 0.98". */
    public static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /**
     * A process's {user, system} CPU time in clock ticks from {@code /proc/<pid>/stat}; zeros if
     * it cannot be read (the process exited). The system share tells how much of a server's CPU
     * the kernel spends for it (sockets, epoll, fsync) rather than its own code.
     */
    public static long[] userSystemTicks(long pid) {
        try {
            return parseProcessStat(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /**
     * Parses {@code pid (comm) state ppid ... utime stime ...}: utime and stime are fields 14 and
     * 15, counted after the command name, which may itself hold spaces and parentheses.
     */
    static long[] parseProcessStat(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
    }

    /** CPU time of a process by pid, 0 once it has exited. */
    static double processSeconds(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).orElse(Duration.ZERO).toNanos() / 1e9;
    }
}
