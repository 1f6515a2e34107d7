package io.dsk.bench.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The open-file limit ({@code RLIMIT_NOFILE}) of this process, read from {@code /proc/self/limits}.
 * The JVM raises its soft limit to the hard limit at start on Linux, and child processes (the
 * servers) inherit it, so the hard limit is what a scenario with many connections can count on.
 *
 * @param soft the soft limit, {@link Long#MAX_VALUE} for unlimited
 * @param hard the hard limit, {@link Long#MAX_VALUE} for unlimited
 */
public record OpenFileLimit(long soft, long hard) {

    /** Reads the current limits. */
    public static OpenFileLimit current() {
        try {
            return parse(Files.readAllLines(Path.of("/proc/self/limits")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/self/limits", e);
        }
    }

    /** Parses the {@code Max open files} line of a {@code /proc/<pid>/limits} file. */
    static OpenFileLimit parse(List<String> limitsLines) {
        for (String line : limitsLines) {
            if (line.startsWith("Max open files")) {
                String[] f = line.substring("Max open files".length()).trim().split("\\s+");
                return new OpenFileLimit(value(f[0]), value(f[1]));
            }
        }
        throw new IllegalArgumentException("no 'Max open files' line in the limits file");
    }

    private static long value(String field) {
        return field.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(field);
    }

    /**
     * Checks that {@code needed} descriptors can be opened by this process and by each server.
     *
     * @param needed descriptors one process needs (connections plus a margin for files)
     * @throws IllegalStateException naming the command that raises the limit, if it is too low
     */
    public void require(long needed) {
        if (soft >= needed) {
            return;
        }
        throw new IllegalStateException(String.format(Locale.ROOT,
                "this run needs %d open files per process but the limit is %d (hard %d); raise it and rerun, "
                        + "e.g. as root: prlimit --nofile=%d:%d -- java ... or in a shell: "
                        + "ulimit -Hn %d && ulimit -n %d && java ...",
                needed, soft, hard, needed, needed, needed, needed));
    }
}
