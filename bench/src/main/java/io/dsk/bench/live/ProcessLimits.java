package io.dsk.bench.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reads and raises a running process's open-file limit with util-linux {@code prlimit}, so that a
 * scenario can give this process and both servers room for tens of thousands of sockets without
 * restarting them. Raising a hard limit needs root (CAP_SYS_RESOURCE).
 */
final class ProcessLimits {

    private ProcessLimits() {
    }

    /**
     * Makes sure process {@code pid} may open at least {@code needed} files.
     *
     * @throws IOException naming the command to run by hand if {@code prlimit} fails
     */
    static void ensureOpenFiles(long pid, long needed) throws IOException, InterruptedException {
        if (openFiles(pid) >= needed) {
            return;
        }
        String value = "--nofile=" + needed + ":" + needed;
        try {
            run(List.of("prlimit", "--pid", Long.toString(pid), value));
        } catch (IOException e) {
            throw new IOException("could not raise the open-file limit of pid " + pid + " to " + needed
                    + "; run the bench as root, or start it under prlimit " + value + " (" + e.getMessage() + ")", e);
        }
        if (openFiles(pid) < needed) {
            throw new IOException("prlimit left the open-file limit of pid " + pid + " below " + needed);
        }
    }

    /** The soft open-file limit of process {@code pid}; {@link Long#MAX_VALUE} when unlimited. */
    static long openFiles(long pid) throws IOException, InterruptedException {
        String out = run(List.of("prlimit", "--pid", Long.toString(pid), "--nofile", "--raw", "--noheadings",
                "--output", "SOFT")).trim();
        return parseLimit(out);
    }

    static long parseLimit(String value) {
        String v = value.trim();
        if (v.equals("unlimited")) {
            return Long.MAX_VALUE;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("prlimit printed '" + v + "', not a limit", e);
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out.trim());
        }
        return out;
    }
}
