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
import java.util.ArrayList;
import java.util.Arrays;
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
 * or killed with SIGKILL. Its output goes to a log file under {@code target/it-logs} (a directory per
 * failsafe fork, named by the build's {@code dsk.it.logs}).
 *
 * <p>The system property {@code dsk.it.server.command} replaces {@code java -jar dsk-gateway.jar}
 * with another command (split on blanks, the same arguments appended), to run a test against
 * another Durable Streams server that prints the same ready line.
 */
public final class GatewayProcess implements AutoCloseable {

    private static final Pattern READY = Pattern.compile(Pattern.quote(GatewayServer.READY_LINE_PREFIX) + "(https?://[^\\s\"]+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final int TAIL_LINES = 40;

    private final Process process;
    private final URI baseUrl;
    private final Path log;
    private final Output output;

    private GatewayProcess(Process process, URI baseUrl, Path log, Output output) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.log = log;
        this.output = output;
    }

    /**
     * Starts the gateway and waits for its ready line.
     *
     * @param name names the log file, e.g. {@code conformance-rocksdb}
     * @param args gateway arguments
     * @return the running gateway
     * @throws IllegalStateException if it exits or stays silent before it is ready
     */
    public static GatewayProcess start(String name, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(launcher());
        command.addAll(Arrays.asList(args));
        Path logDir = Path.of(System.getProperty("dsk.it.logs", "target/it-logs"));
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Output output = new Output();
        CompletableFuture<URI> ready = new CompletableFuture<>();
        Thread pump = new Thread(() -> pump(process, log, output, ready), "gateway-output-" + name);
        pump.setDaemon(true);
        pump.start();
        try {
            return new GatewayProcess(process, ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS), log, output);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("gateway did not log its ready line (" + command + "); last output:\n"
                    + String.join("\n", output.last(TAIL_LINES)), e);
        }
    }

    /** The base URL from the ready line, e.g. {@code http://127.0.0.1:43127}. */
    /** The gateway's process id, e.g. to read {@code /proc/<pid>/status}. */
    public long pid() {
        return process.pid();
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /** The URL of a path on this gateway, e.g. {@code uri("/v1/stream/a")}. */
    URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    /** Where its output goes. */
    public Path log() {
        return log;
    }

    /** The last lines it printed. */
    public List<String> lastOutput() {
        return output.last(TAIL_LINES);
    }

    /**
     * Waits until a line containing {@code text} was printed.
     *
     * @throws AssertionError if none was within {@code timeout}
     */
    void awaitOutput(String text, Duration timeout) throws InterruptedException {
        if (!output.await(text, timeout)) {
            throw new AssertionError("no output line with '" + text + "' within " + timeout
                    + "; last output:\n" + String.join("\n", lastOutput()));
        }
    }

    /**
     * Sends SIGTERM and returns at once. Goes through the process handle because
     * {@link Process#destroy()} also closes the pipes, and the shutdown log would be lost.
     */
    void signalTerminate() {
        process.toHandle().destroy();
    }

    /**
     * Waits for the process to exit.
     *
     * @return its exit status
     * @throws AssertionError if it still runs after {@code timeout}
     */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("gateway still running " + timeout + " after it was asked to stop");
        }
        return process.exitValue();
    }

    /** SIGKILL, as a crash or power cut would end it; waits until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
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

    private static void pump(Process process, Path log, Output output, CompletableFuture<URI> ready) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.write(line);
                out.write('\n');
                out.flush();
                output.add(line);
                // With --log-format json the ready line is a JSON string, whose slashes may be escaped.
                Matcher m = READY.matcher(line.replace("\\/", "/"));
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

    /** Every line the process printed, for waiting on a line and for failure messages. */
    private static final class Output {
        private final List<String> lines = new ArrayList<>();

        synchronized void add(String line) {
            lines.add(line);
            notifyAll();
        }

        synchronized List<String> last(int count) {
            return new ArrayList<>(lines.subList(Math.max(0, lines.size() - count), lines.size()));
        }

        synchronized boolean await(String text, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (lines.stream().noneMatch(line -> line.contains(text))) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }
}
