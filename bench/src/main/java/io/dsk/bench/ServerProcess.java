package io.dsk.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A Durable Streams server under test, run as a child process so that its CPU time and resident
 * memory can be read from {@code /proc} and compared with the other server's.
 */
final class ServerProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final String baseUrl;

    private ServerProcess(String name, Process process, String baseUrl) {
        this.name = name;
        this.process = process;
        this.baseUrl = baseUrl;
    }

    /**
     * Starts a server and waits for the line that says it listens.
     *
     * @param name a short label for reports
     * @param command the command line
     * @param workDir the working directory
     * @param readyMarker text of the line printed when ready
     * @param baseUrl the server's stream root, e.g. {@code http://127.0.0.1:4500/v1/stream}
     * @return the running server
     * @throws IOException if it does not start within a minute
     */
    static ServerProcess start(String name, List<String> command, Path workDir, String readyMarker, String baseUrl)
            throws IOException {
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.contains(readyMarker)) {
                        ready.complete(null);
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IOException(name + " exited before it was ready"));
        }, name + "-output");
        pump.setDaemon(true);
        pump.start();
        try {
            ready.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IOException(name + " did not start: " + e.getMessage(), e);
        }
        return new ServerProcess(name, process, baseUrl);
    }

    String name() {
        return name;
    }

    String baseUrl() {
        return baseUrl;
    }

    /** The server's operating-system process. */
    ProcessHandle handle() {
        return process.toHandle();
    }

    /** Resident set size in bytes, from {@code /proc/<pid>/status}. */
    long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS for " + name);
    }

    /** CPU time (user + system) the server has used so far, including its child processes' threads. */
    Duration cpuTime() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
