package io.dsk.bench.run;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A server under test running as a child process. Its output goes to a log file in the work
 * directory; start-up waits for the line that says it listens, from which the URL is taken.
 */
public final class ChildServer implements ServerUnderTest {

    private final String name;
    private final Process process;
    private final URI baseUri;
    private final Path dataDir;
    private final List<String> command;
    private final Path dir;
    private final Path log;
    private final Function<String, URI> readyLine;

    private ChildServer(String name, Process process, URI baseUri, Path dataDir, List<String> command, Path dir,
            Path log, Function<String, URI> readyLine) {
        this.name = name;
        this.process = process;
        this.baseUri = baseUri;
        this.dataDir = dataDir;
        this.command = List.copyOf(command);
        this.dir = dir;
        this.log = log;
        this.readyLine = readyLine;
    }

    /**
     * Starts a server and waits up to a minute until it is ready.
     *
     * @param name a short label for reports, e.g. "dsk" or "reference"
     * @param command the command line
     * @param dir the working directory
     * @param log the file that receives the server's output
     * @param dataDir the server's data, deleted when it has stopped (the log stays)
     * @param readyLine turns an output line into the stream root once the server listens, else null
     * @return the running server
     * @throws IOException if it exits or stays silent for a minute
     */
    public static ChildServer start(String name, List<String> command, Path dir, Path log, Path dataDir,
            Function<String, URI> readyLine) throws IOException {
        return start(name, command, dir, log, dataDir, readyLine, Duration.ofMinutes(1));
    }

    private static ChildServer start(String name, List<String> command, Path dir, Path log, Path dataDir,
            Function<String, URI> readyLine, Duration readyWithin) throws IOException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        CompletableFuture<URI> ready = new CompletableFuture<>();
        Thread pump = new Thread(() -> pump(process, log, readyLine, ready), name + "-output");
        pump.setDaemon(true);
        pump.start();
        try {
            return new ChildServer(name, process, ready.get(readyWithin.toMillis(), TimeUnit.MILLISECONDS), dataDir,
                    command, dir, log, readyLine);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IOException(name + " did not start (see " + log + "): " + e.getMessage(), e);
        }
    }

    private static void pump(Process process, Path log, Function<String, URI> readyLine, CompletableFuture<URI> ready) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)); BufferedWriter file = Files.newBufferedWriter(log)) {
            for (String line; (line = out.readLine()) != null; ) {
                file.write(line);
                file.newLine();
                if (!ready.isDone()) {
                    URI uri = readyLine.apply(line);
                    if (uri != null) {
                        file.flush();
                        ready.complete(uri);
                    }
                }
            }
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
        if (!ready.isDone()) {
            ready.completeExceptionally(new IOException("closed its output before it was ready"));
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public URI baseUri() {
        return baseUri;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public long rssBytes() {
        try {
            return residentBytes(Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the memory of " + name + " (pid " + pid() + ")", e);
        }
    }

    /** The {@code VmRSS} line of a {@code /proc/<pid>/status} file, in bytes. */
    static long residentBytes(List<String> statusLines) {
        for (String line : statusLines) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalArgumentException("no VmRSS line: has the process exited?");
    }

    @Override
    public double cpuSeconds() {
        return CpuMeter.processSeconds(pid());
    }

    /** Whether the process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, like a crashed machine; waits until the process is gone. The data directory stays until {@link #close}. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /**
     * Stops this server as {@link #close} does but keeps its data directory, then starts the same
     * command on it again and waits for its ready line; a server that loads every stream before
     * it listens may take long with a million streams. Its output goes to a new log beside the first
     * ({@code <log>.reopened}). This server must not be used afterwards; closing it deletes the data
     * directory, so close the reopened one first.
     *
     * @param readyWithin how long to wait for the ready line
     * @return the server running on the same data
     * @throws IOException if it does not start again
     */
    public ChildServer reopen(Duration readyWithin) throws IOException {
        if (!stop()) {
            throw new IOException(name + " was interrupted while stopping");
        }
        return start(name, command, dir, log.resolveSibling(log.getFileName() + ".reopened"), dataDir, readyLine,
                readyWithin);
    }

    @Override
    public void close() {
        if (stop()) {
            deleteRecursively(dataDir);
        }
    }

    /** SIGTERM, then SIGKILL after 15 s; false if interrupted while waiting. */
    private boolean stop() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
