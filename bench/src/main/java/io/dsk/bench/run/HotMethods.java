package io.dsk.bench.run;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * A plain-text summary of a JFR recording for readers without JDK Mission Control: the methods
 * most often on top of the sampled stacks (self time), the methods most often anywhere on them
 * (total time), the time spent in garbage collection, and where threads waited (fsync, file and
 * socket IO, locks, parking) above JFR's thresholds, which is what an IO-bound server spends its
 * time on when execution samples are few.
 */
public final class HotMethods {

    /** Event types that record time spent waiting rather than running. */
    static final List<String> WAITS = List.of("jdk.FileForce", "jdk.FileWrite", "jdk.FileRead", "jdk.SocketRead",
            "jdk.SocketWrite", "jdk.JavaMonitorEnter", "jdk.ThreadPark");

    private HotMethods() {
    }

    /** The summary's file next to a recording: {@code x.jfr} becomes {@code x-hot-methods.txt}. */
    public static Path summaryFile(Path recording) {
        String file = recording.getFileName().toString().replaceFirst("\\.jfr$", "");
        return recording.resolveSibling(file + "-hot-methods.txt");
    }

    /**
     * Reads a recording and summarises it.
     *
     * @param recording a {@code .jfr} file
     * @param top how many methods to list per table
     * @return the summary text
     * @throws IOException if the file cannot be read
     */
    public static String summarise(Path recording, int top) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        int samples = 0;
        Duration gc = Duration.ZERO;
        int collections = 0;
        Map<String, Duration> waited = new HashMap<>();
        Map<String, Integer> waits = new HashMap<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            String type = event.getEventType().getName();
            if (WAITS.contains(type)) {
                String where = type.substring(4) + " in " + firstProjectFrame(event);
                waits.merge(where, 1, Integer::sum);
                waited.merge(where, event.getDuration(), Duration::plus);
            } else if (type.equals("jdk.ExecutionSample") && event.getStackTrace() != null) {
                samples++;
                count(event.getStackTrace().getFrames(), self, total);
            } else if (type.equals("jdk.GarbageCollection")) {
                collections++;
                gc = gc.plus(event.getDuration());
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s: %d execution samples, %d garbage collections taking %d ms%n",
                recording.getFileName(), samples, collections, gc.toMillis()));
        out.append("JFR samples Java code only: time in native code (RocksDB writes, reads and syncs through JNI)\n"
                + "shows as few samples and no wait events; compare with the server's CPU time in the report.\n\n");
        table(out, "Self (top of stack)", self, samples, top);
        table(out, "Total (anywhere on the stack)", total, samples, top);
        out.append("Waiting (events above JFR's thresholds; count, total ms, first gateway frame):\n");
        waited.entrySet().stream()
                .sorted(Map.Entry.<String, Duration>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(top)
                .forEachOrdered(e -> out.append(String.format(Locale.ROOT, "  %6d  %8d ms  %s%n",
                        waits.get(e.getKey()), e.getValue().toMillis(), e.getKey())));
        return out.toString();
    }

    /**
     * The innermost frame of the project's own code ({@code io.dsk}); waits without one (idle pool
     * threads parking, library threads) are pooled as "threads outside io.dsk code".
     */
    private static String firstProjectFrame(RecordedEvent event) {
        if (event.getStackTrace() != null) {
            for (RecordedFrame frame : event.getStackTrace().getFrames()) {
                if (frame.getMethod() != null && frame.getMethod().getType().getName().startsWith("io.dsk.")) {
                    return describe(frame.getMethod());
                }
            }
        }
        return "threads outside io.dsk code (idle pools, libraries)";
    }

    private static void count(List<RecordedFrame> frames, Map<String, Integer> self, Map<String, Integer> total) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < frames.size(); i++) {
            String method = describe(frames.get(i).getMethod());
            if (i == 0) {
                self.merge(method, 1, Integer::sum);
            }
            if (seen.add(method)) {
                total.merge(method, 1, Integer::sum);
            }
        }
    }

    private static String describe(RecordedMethod method) {
        if (method == null) {
            return "(unknown)";
        }
        return method.getType().getName() + "." + method.getName();
    }

    private static void table(StringBuilder out, String title, Map<String, Integer> counts, int samples, int top) {
        out.append(title).append(":\n");
        Map<String, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(top)
                .forEachOrdered(e -> sorted.put(e.getKey(), e.getValue()));
        sorted.forEach((method, n) -> out.append(String.format(Locale.ROOT, "  %5.1f%%  %6d  %s%n",
                100.0 * n / Math.max(1, samples), n, method)));
        out.append('\n');
    }
}
