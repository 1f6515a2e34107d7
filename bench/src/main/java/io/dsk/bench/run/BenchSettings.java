package io.dsk.bench.run;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything a {@link BenchContext} is built from, normally parsed from the runner's command line.
 *
 * @param rounds measured rounds per figure and server (rounds alternate which server goes first)
 * @param duration length of one timed measurement
 * @param workDir scratch space for server data (deleted by nobody; use a temp dir)
 * @param resultsDir where reports, plots and profiles go, e.g. {@code bench/results}
 * @param options scenario options from {@code --set key=value}
 * @param gatewayJar the gateway's executable jar
 * @param nodeDir the directory of {@code reference-server.mjs} and its {@code node_modules}
 * @param gatewayHeap the gateway's {@code -Xmx}, e.g. {@code 512m}; its {@code -Xms} is a quarter of it
 * @param gatewayMemoryHeap the {@code -Xmx} of the gateway run with {@code --in-memory}, e.g. {@code 4g}
 * @param longPollTimeout the long-poll timeout given to both servers
 * @param date the date used in result file names
 * @param command the command line that reproduces the run, quoted in reports
 */
public record BenchSettings(int rounds, Duration duration, Path workDir, Path resultsDir, Map<String, String> options,
        Path gatewayJar, Path nodeDir, String gatewayHeap, String gatewayMemoryHeap,
        Duration longPollTimeout, LocalDate date, String command) {

    private static final Pattern HEAP_SIZE = Pattern.compile("(\\d{1,12})([kKmMgG]?)");

    public BenchSettings {
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1, got " + rounds);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("--seconds must be positive, got " + duration.toSeconds());
        }
        heapBytes(gatewayHeap);
        heapBytes(gatewayMemoryHeap);
        options = Map.copyOf(options);
    }

    /**
     * @param size a heap size as {@code -Xmx} takes it: a number of bytes, or of k, m or g
     * @return it in bytes
     * @throws IllegalArgumentException if it is not one
     */
    static long heapBytes(String size) {
        Matcher m = HEAP_SIZE.matcher(size);
        if (!m.matches()) {
            throw new IllegalArgumentException("a heap size is a number of bytes, or of k, m or g (as -Xmx takes it, "
                    + "e.g. 512m), got '" + size + "'");
        }
        int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        return Long.parseLong(m.group(1)) << shift;
    }
}
