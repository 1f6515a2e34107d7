package io.dsk.bench.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reads and raises a running process's open-file limit with util-linux {@code prlimit}, so that a
 * scenario can give this process and both servers room for tens of thousands of sockets without
 * restarting them. The soft limit can always be raised up to the hard limit; raising the hard
 * limit needs CAP_SYS_RESOURCE, which containers often drop even for root.
 */
final class ProcessLimits {

    private ProcessLimits() {
    }

    /**
     * Raises the soft open-file limit of process {@code pid} towards {@code wanted}: to
     * {@code wanted} if the hard limit can be raised too, else to the hard limit.
     *
     * @return the soft limit now in force
     * @throws IOException if {@code prlimit} cannot read or set the limit
     */
    static long raiseOpenFiles(long pid, long wanted) throws IOException, InterruptedException {
        long soft = openFiles(pid, "SOFT");
        if (soft >= wanted) {
            return soft;
        }
        try {
            run(List.of("prlimit", "--pid", Long.toString(pid), "--nofile=" + wanted + ":" + wanted));
        } catch (IOException withoutCapability) {
            long hard = openFiles(pid, "HARD");
            if (hard > soft) {
                run(List.of("prlimit", "--pid", Long.toString(pid), "--nofile=" + Math.min(hard, wanted) + ":"));
            }
        }
        return openFiles(pid, "SOFT");
    }

    /**
     * Explains a limit below what a run wanted, for the report.
     *
     * @return e.g. "the open-file limit is 20000 ..."
     */
    static String shortfall(long limit, long wanted) {
        return "the open-file limit is " + limit + " and could not be raised to " + wanted
                + " (raising the hard limit needs root with CAP_SYS_RESOURCE; or start the run under "
                + "prlimit --nofile=" + wanted + ":" + wanted + ")";
    }

    /** One column ({@code SOFT} or {@code HARD}) of process {@code pid}'s open-file limit. */
    private static long openFiles(long pid, String column) throws IOException, InterruptedException {
        return parseLimit(run(List.of("prlimit", "--pid", Long.toString(pid), "--nofile", "--raw", "--noheadings",
                "--output", column)));
    }

    /** A limit as prlimit prints it; {@link Long#MAX_VALUE} for {@code unlimited}. */
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
