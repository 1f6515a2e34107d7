package io.dsk.bench.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap of a running JVM, asked through {@code jcmd}: a full collection ({@code GC.run}) so
 * that what remains is the live set, then {@code GC.heap_info}. Works for the collectors whose
 * summary lines read {@code <space> total NK, used NK} (G1, Parallel, Serial).
 */
final class JvmHeap {

    private static final Pattern SPACE = Pattern.compile("^ \\S.*\\btotal \\d+K, used (\\d+)K", Pattern.MULTILINE);

    private JvmHeap() {
    }

    /**
     * Collects garbage in process {@code pid}.
     *
     * @throws IOException if jcmd cannot attach
     */
    static void collect(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
    }

    /**
     * The bytes of heap in use in process {@code pid} right now.
     *
     * @throws IOException if jcmd cannot attach or prints no heap summary
     */
    static long usedBytes(long pid) throws IOException, InterruptedException {
        return parseUsedBytes(jcmd(pid, "GC.heap_info"));
    }

    /** Sums the {@code used} of the heap's top-level spaces in {@code GC.heap_info} output. */
    static long parseUsedBytes(String heapInfo) throws IOException {
        Matcher m = SPACE.matcher(heapInfo);
        long usedKib = 0;
        boolean found = false;
        while (m.find()) {
            usedKib += Long.parseLong(m.group(1));
            found = true;
        }
        if (!found) {
            throw new IOException("no heap summary in jcmd GC.heap_info output: " + heapInfo.strip());
        }
        return usedKib * 1024;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process p = new ProcessBuilder(List.of(jcmd, Long.toString(pid), command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("jcmd " + pid + " " + command + " did not finish within a minute");
        }
        if (p.exitValue() != 0) {
            throw new IOException("jcmd " + pid + " " + command + " failed: " + out.strip());
        }
        return out;
    }
}
