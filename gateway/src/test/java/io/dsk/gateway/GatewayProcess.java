package io.dsk.gateway;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway jar running as a child process, as an operator runs it: started with
 * {@code java -jar dsk-gateway.jar ARGS}, ready once it logs its ready line, stopped with SIGTERM
 * or killed with SIGKILL. Its output goes to a log file under {@code target/it-logs}.
 *
 * <p>The system property {@code dsk.it.server.command} replaces {@code java -jar dsk-gateway.jar}
 * with another command (split on blanks, the same arguments appended), to run a test against
 * another Durable Streams server that prints the same ready line.
 */
final class GatewayProcess implements AutoCloseable {

    private static final Pattern READY = Pattern.compile(Pattern.quote(GatewayServer.READY_LINE_PREFIX) + "(http://\\S+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final int TAIL_LINES = 40;

    private final Process process;
    private final URI baseUrl;
    private final Path log;
    private final Deque<String> tail;

    private GatewayProcess(Process process, URI baseUrl, Path log, Deque<String> tail) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.log = log;
        this.tail = tail;
    }

    /**
     * Starts the gateway and waits for its ready line.
     *
     * @param name names the log file, e.g. {@code conformance-rocksdb-1}
     * @param args gateway arguments
     * @return the running gateway
     * @throws IllegalStateException if it exits or stays silent before it is ready
     */
    static GatewayProcess start(String name, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(launcher());
        command.addAll(Arrays.asList(args));
        Path logDir = Path.of(System.getProperty("dsk.it.logs", "target/it-logs"));
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Deque<String> tail = new ArrayDeque<>();
        CompletableFuture<URI> ready = new CompletableFuture<>();
        Thread pump = new Thread(() -> pump(process, log, tail, ready), "gateway-output-" + name);
        pump.setDaemon(true);
        pump.start();
        try {
            return new GatewayProcess(process, ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS), log, tail);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("gateway did not log its ready line (" + command + "); last output:\n"
                    + String.join("\n", snapshot(tail)), e);
        }
    }

    /** The base URL from the ready line, e.g. {@code http://127.0.0.1:43127}. */
    URI baseUrl() {
        return baseUrl;
    }

    /** The URL of a stream path, e.g. {@code uri("/v1/stream/a")}. */
    URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    /** True while the process runs. */
    boolean isAlive() {
        return process.isAlive();
    }

    /** Where its output goes. */
    Path log() {
        return log;
    }

    /** The last lines it printed. */
    List<String> lastOutput() {
        return snapshot(tail);
    }

    /** SIGKILL, as a crash or power cut would end it; waits until it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /**
     * SIGTERM, as an orchestrator stops it; waits for it to exit.
     *
     * @return its exit status
     * @throws IllegalStateException if it is still running after {@code timeout}
     */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("gateway ignored SIGTERM for " + timeout);
        }
        return process.exitValue();
    }

    /** Kills it if it still runs. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private static List<String> launcher() {
        String override = System.getProperty("dsk.it.server.command", "").strip();
        if (!override.isEmpty()) {
            return Arrays.asList(override.split("\\s+"));
        }
        String jar = System.getProperty("dsk.gateway.jar", "target/dsk-gateway.jar");
        if (!Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("gateway jar " + jar + " is missing; run mvn package first");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "-Xmx512m", "-jar", jar);
    }

    private static void pump(Process process, Path log, Deque<String> tail, CompletableFuture<URI> ready) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.write(line);
                out.write('\n');
                out.flush();
                remember(tail, line);
                Matcher m = READY.matcher(line);
                if (!ready.isDone() && m.find()) {
                    ready.complete(URI.create(m.group(1)));
                }
            }
            ready.completeExceptionally(new IllegalStateException("exited with status " + process.waitFor()));
        } catch (IOException e) {
            ready.completeExceptionally(new UncheckedIOException(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ready.completeExceptionally(e);
        }
    }

    private static void remember(Deque<String> tail, String line) {
        synchronized (tail) {
            tail.addLast(line);
            if (tail.size() > TAIL_LINES) {
                tail.removeFirst();
            }
        }
    }

    private static List<String> snapshot(Deque<String> tail) {
        synchronized (tail) {
            return new ArrayList<>(tail);
        }
    }
}
