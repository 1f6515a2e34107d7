package io.dsk.bench.run;

import io.dsk.bench.floor.FloorServer;
import io.dsk.bench.floor.UndertowFloor;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link Scenario} gets from the runner: rounds, duration and options from the command
 * line, start-up of both servers with the same long-poll timeout, CPU metering and JFR profiling.
 * Every server started here is stopped by {@link #closeServers()} at the end of the scenario.
 */
public final class BenchContext {

    private final BenchSettings settings;
    private final CpuMeter cpu = new CpuMeter();
    private final List<ServerUnderTest> started = new ArrayList<>();

    public BenchContext(BenchSettings settings) {
        this.settings = settings;
    }

    public int rounds() {
        return settings.rounds();
    }

    /** The length of one timed measurement ({@code --seconds}). */
    public Duration duration() {
        return settings.duration();
    }

    public Path workDir() {
        return settings.workDir();
    }

    public Path resultsDir() {
        return settings.resultsDir();
    }

    /** The date used in result file names. */
    public LocalDate date() {
        return settings.date();
    }

    /** The command line that reproduces this run, for reports. */
    public String command() {
        return settings.command();
    }

    /** Every {@code --set key=value} given on the command line. */
    public Map<String, String> options() {
        return settings.options();
    }

    /** An option as text, or the default when not set. */
    public String option(String key, String defaultValue) {
        return settings.options().getOrDefault(key, defaultValue);
    }

    /**
     * An option as an integer.
     *
     * @throws IllegalArgumentException naming the option if it is not a number
     */
    public long longOption(String key, long defaultValue) {
        String value = settings.options().get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--set " + key + "=" + value + ": expected a whole number");
        }
    }

    /** A comma-separated list of integers, e.g. {@code writers=1,16,64}. */
    public List<Integer> intListOption(String key, List<Integer> defaultValue) {
        String value = settings.options().get(key);
        if (value == null) {
            return defaultValue;
        }
        List<Integer> list = new ArrayList<>();
        for (String part : value.split(",")) {
            try {
                list.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--set " + key + "=" + value
                        + ": expected comma-separated whole numbers such as 1,16,64");
            }
        }
        return List.copyOf(list);
    }

    public CpuMeter cpu() {
        return cpu;
    }

    /** This process's open-file limit, for scenarios that open many connections. */
    public OpenFileLimit openFileLimit() {
        return OpenFileLimit.current();
    }

    /**
     * Starts the gateway as a child JVM with RocksDB in a fresh directory under the work dir, the
     * heap of {@code --gateway-heap} ({@link #heapOptions}) and the run's long-poll timeout.
     *
     * @param gatewayOptions extra gateway settings, passed as {@code --key value}
     * @return the running gateway, named "dsk"
     * @throws IOException if it does not start
     */
    public ServerUnderTest startGateway(Map<String, String> gatewayOptions) throws IOException {
        return startGateway(gatewayOptions, List.of());
    }

    /**
     * Starts the gateway like {@link #startGateway(Map)} with extra JVM options, e.g.
     * {@code -XX:+UseSerialGC} or {@code -XX:NativeMemoryTracking=summary}; an {@code -Xmx} here
     * overrides {@code --gateway-heap} (the last one wins).
     *
     * @param gatewayOptions extra gateway settings, passed as {@code --key value}
     * @param jvmOptions options placed before {@code -jar}
     * @return the running gateway, named "dsk"
     * @throws IOException if it does not start
     */
    public ServerUnderTest startGateway(Map<String, String> gatewayOptions, List<String> jvmOptions)
            throws IOException {
        return startGateway(gatewayOptions, jvmOptions, false);
    }

    /**
     * Starts the gateway with {@code --in-memory} (no RocksDB, nothing synced), otherwise like
     * {@link #startGateway(Map)}, for comparisons with the reference server in memory.
     *
     * @return the running gateway, named "dsk-memory"
     * @throws IOException if it does not start
     */
    public ServerUnderTest startGatewayInMemory(Map<String, String> gatewayOptions) throws IOException {
        return startGateway(gatewayOptions, List.of(), true);
    }

    private ServerUnderTest startGateway(Map<String, String> gatewayOptions, List<String> jvmOptions,
            boolean inMemory) throws IOException {
        if (!Files.isRegularFile(settings.gatewayJar())) {
            throw new IOException("no gateway jar at " + settings.gatewayJar().toAbsolutePath()
                    + "; build it with mvn -B -q -pl gateway -am package -DskipTests, or pass --gateway-jar");
        }
        Path dir = Files.createTempDirectory(workDir(), "dsk-");
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        command.addAll(heapOptions(inMemory ? settings.gatewayMemoryHeap() : settings.gatewayHeap()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", settings.gatewayJar().toAbsolutePath().toString(), "--port", "0"));
        command.addAll(inMemory ? List.of("--in-memory") : List.of("--data-dir", dir.resolve("data").toString()));
        command.addAll(List.of("--long-poll-timeout", settings.longPollTimeout().toMillis() + "ms"));
        gatewayOptions.forEach((k, v) -> command.addAll(List.of("--" + k, v)));
        ChildServer server = ChildServer.start((inMemory ? ServerKind.DSK_MEMORY : ServerKind.DSK).id(), command, dir,
                dir.resolve("gateway.log"), dir.resolve("data"), BenchContext::gatewayReadyLine);
        return track(server);
    }

    /**
     * The gateway's heap options, as docs/operations.md recommends: at most {@code maxHeap}, and never
     * less than a quarter of it. Without the floor G1 shrinks a lightly loaded gateway's heap to a
     * few times what is live in it, and then marks it concurrently every other young collection.
     *
     * @param maxHeap a size as {@code -Xmx} takes it, e.g. {@code 512m}
     * @return {@code -Xmx} and {@code -Xms}
     */
    static List<String> heapOptions(String maxHeap) {
        return List.of("-Xmx" + maxHeap, "-Xms" + (BenchSettings.heapBytes(maxHeap) / 4 / 1024) + "k");
    }

    /**
     * Starts the Node reference server ({@code reference-server.mjs}, file-backed) in a fresh data
     * directory with the run's long-poll timeout.
     *
     * @return the running server, named "reference"
     * @throws IOException if it does not start
     */
    public ServerUnderTest startReference() throws IOException {
        return startReference(false);
    }

    /**
     * Starts the Node reference server like {@link #startReference()}, or with its streams in
     * memory (no data directory).
     *
     * @return the running server, named "reference" or, in memory, "reference-memory"
     * @throws IOException if it does not start
     */
    public ServerUnderTest startReference(boolean inMemory) throws IOException {
        Path script = settings.nodeDir().resolve("reference-server.mjs");
        if (!Files.isDirectory(settings.nodeDir().resolve("node_modules"))) {
            throw new IOException("no node_modules in " + settings.nodeDir().toAbsolutePath()
                    + "; run (cd bench/node && npm ci) first");
        }
        Path dir = Files.createTempDirectory(workDir(), "reference-");
        int port = freePort();
        List<String> command = List.of("node", script.getFileName().toString(), Integer.toString(port),
                inMemory ? "--in-memory" : dir.resolve("data").toString(),
                Long.toString(settings.longPollTimeout().toMillis()));
        URI base = URI.create("http://127.0.0.1:" + port + "/v1/stream/");
        ChildServer server = ChildServer.start((inMemory ? ServerKind.REFERENCE_MEMORY : ServerKind.REFERENCE).id(), command,
                settings.nodeDir(), dir.resolve("reference.log"),
                dir.resolve("data"), line -> line.contains("reference server listening") ? base : null);
        return track(server);
    }

    /**
     * Starts a do-nothing HTTP/1.1 server from the bench's own class path: {@link FloorServer}
     * (named "floor"), whose CPU per request is the floor under any server's on this machine, or
     * with {@code undertow} {@link UndertowFloor} (named "undertow"), the gateway's HTTP server
     * with nothing of the gateway in it.
     *
     * @throws IOException if it does not start
     */
    public ServerUnderTest startFloor(boolean undertow) throws IOException {
        String name = undertow ? "undertow" : "floor";
        Path dir = Files.createTempDirectory(workDir(), name + "-");
        String classPath = String.join(File.pathSeparator, Arrays.stream(System.getProperty("java.class.path")
                .split(File.pathSeparator)).map(entry -> Path.of(entry).toAbsolutePath().toString()).toList());
        List<String> command = List.of(javaBinary(), "-Xmx256m", "-cp", classPath,
                (undertow ? UndertowFloor.class : FloorServer.class).getName());
        ChildServer server = ChildServer.start(name, command, dir, dir.resolve(name + ".log"), dir.resolve("data"),
                line -> line.startsWith(FloorServer.READY) ? URI.create(line.substring(FloorServer.READY.length()).trim())
                        : null);
        return track(server);
    }

    /**
     * Stops a server this context started and starts it again on the same data directory (the
     * time to reopen it), keeping it in the servers {@link #closeServers()} stops.
     *
     * @param readyWithin how long to wait for its ready line
     * @return the reopened server; use it instead of {@code server} from now on
     * @throws IOException if it does not start again
     */
    public ServerUnderTest reopen(ServerUnderTest server, Duration readyWithin) throws IOException {
        if (!(server instanceof ChildServer child)) {
            throw new IllegalArgumentException(server.name() + " was not started by the bench");
        }
        return track(child.reopen(readyWithin));
    }

    /**
     * Records the gateway with JFR for {@code length} while the caller's load runs on other
     * threads, then writes {@code <results>/profiles/<date>-<label>.jfr} and a hot-method summary
     * beside it ({@link HotMethods#summaryFile}). Blocks for {@code length}; keep it at 30 s or less.
     *
     * @return the recording, or empty for the reference server (not a JVM)
     * @throws IOException if JFR cannot be started or dumped
     */
    public Optional<Path> profile(ServerUnderTest server, String label, Duration length) throws IOException {
        ProfileSession session = startProfile(server, label);
        try {
            Thread.sleep(length.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return session.stop();
    }

    /**
     * Starts a JFR recording of the gateway that the caller stops when its load is done; the
     * non-blocking form of {@link #profile}. For the reference server the session records nothing.
     */
    public ProfileSession startProfile(ServerUnderTest server, String label) throws IOException {
        if (!server.name().startsWith("dsk")) {
            return ProfileSession.none();
        }
        String file = date() + "-" + label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + ".jfr";
        return ProfileSession.start(server.pid(), resultsDir().resolve("profiles").resolve(file));
    }

    /** A PNG path in the results directory: {@code <date>-<scenario>-<name>.png}. */
    public Path plotFile(String scenario, String name) {
        return resultsDir().resolve(date() + "-" + scenario + "-" + name + ".png");
    }

    /** Stops every server this context started that is still running, the last started first. */
    public void closeServers() {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        started.clear();
    }

    private ServerUnderTest track(ServerUnderTest server) {
        started.add(server);
        return server;
    }

    /** The stream root from {@code dsk-gateway listening on http://HOST:PORT}, else null. */
    static URI gatewayReadyLine(String line) {
        String marker = "dsk-gateway listening on ";
        int at = line.indexOf(marker);
        if (at < 0) {
            return null;
        }
        String url = line.substring(at + marker.length()).trim().split("\\s+")[0];
        return URI.create(url.replaceAll("/+$", "") + "/v1/stream/");
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
