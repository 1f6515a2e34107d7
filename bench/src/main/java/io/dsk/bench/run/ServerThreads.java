package io.dsk.bench.run;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CPU time of a server's threads from {@code /proc/<pid>/task/<tid>/stat}, summed per group of
 * threads told by name (a trailing number or {@code #n} dropped, so every C2 compiler thread or
 * every Undertow IO thread is one group). This shows where a server's CPU goes when a Java
 * profiler sees little of it: JIT compilers, GC, RocksDB's own threads, IO threads.
 */
public final class ServerThreads {

    /** One reading: per thread id, its name and its user plus system ticks. */
    public record Snapshot(Map<Long, String> names, Map<Long, Long> ticks) {
    }

    private ServerThreads() {
    }

    /** Reads every thread of a process now; empty when the process is gone. */
    public static Snapshot read(long pid) {
        Map<Long, String> names = new HashMap<>();
        Map<Long, Long> ticks = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    long tid = Long.parseLong(task.getFileName().toString());
                    long[] userSystem = CpuMeter.parseProcessStat(stat);
                    names.put(tid, stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')));
                    ticks.put(tid, userSystem[0] + userSystem[1]);
                } catch (IOException | RuntimeException e) {
                    // The thread ended while being read.
                }
            }
        } catch (IOException e) {
            return new Snapshot(Map.of(), Map.of());
        }
        return new Snapshot(names, ticks);
    }

    /** A thread's group: its name without a trailing number or {@code #n}, trimmed. */
    static String group(String threadName) {
        return threadName.replaceAll("#\\d+$", "").replaceAll("[-_ ]?\\d+$", "").trim();
    }

    /**
     * Ticks used per group between two readings, highest first; threads started in between count
     * from zero.
     */
    public static Map<String, Long> ticksByGroup(Snapshot before, Snapshot after) {
        Map<String, Long> byGroup = new HashMap<>();
        after.ticks().forEach((tid, used) -> byGroup.merge(group(after.names().get(tid)),
                used - before.ticks().getOrDefault(tid, 0L), Long::sum));
        List<Map.Entry<String, Long>> sorted = byGroup.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).collect(Collectors.toList());
        Map<String, Long> out = new LinkedHashMap<>();
        sorted.forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
