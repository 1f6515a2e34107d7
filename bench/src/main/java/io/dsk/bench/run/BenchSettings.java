package io.dsk.bench.run;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

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
 * @param gatewayHeap the gateway's {@code -Xmx}, e.g. {@code 512m}
 * @param gatewayMemoryHeap the {@code -Xmx} of the gateway run with {@code --in-memory}, e.g. {@code 4g}
 * @param longPollTimeout the long-poll timeout given to both servers
 * @param date the date used in result file names
 * @param command the command line that reproduces the run, quoted in reports
 */
public record BenchSettings(int rounds, Duration duration, Path workDir, Path resultsDir, Map<String, String> options,
        Path gatewayJar, Path nodeDir, String gatewayHeap, String gatewayMemoryHeap,
        Duration longPollTimeout, LocalDate date, String command) {

    public BenchSettings {
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1, got " + rounds);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("--seconds must be positive, got " + duration.toSeconds());
        }
        options = Map.copyOf(options);
    }
}
