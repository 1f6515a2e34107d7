package io.dsk.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dsk.gateway.GatewayServer;
import io.dsk.gateway.GatewaySettings;
import io.dsk.gateway.auth.AuthHandlers;
import io.dsk.gateway.auth.AuthSettings;
import io.dsk.gateway.ops.LogFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * One command from a fresh clone to Kafka records in a browser: starts a real single-node Kafka,
 * a real Connect worker running the packaged DSK plugin, the gateway, and sample traffic for three
 * use cases, then runs until interrupted. A second run on the same data directory resumes; one
 * quickstart at a time may hold a data directory. The options are in {@link #USAGE}.
 *
 * <p>Threads: {@code main} starts the parts, waits for Ctrl-C or SIGTERM and stops them, newest
 * first; the shutdown hook stops them when the JVM exits another way.
 */
public final class QuickstartMain {

    static final List<String> CONNECTORS = List.of("ai-tokens", "customers-state", "job-progress");
    /**
     * The connector's {@code DurableStreamsSinkConfig.TOKEN_CONFIG}. The connector is a plugin loaded
     * from {@code plugin.path}, so its classes are not on this jar's class path.
     */
    static final String CONNECTOR_TOKEN_CONFIG = "ds.token";
    static final String USAGE = String.join(System.lineSeparator(),
            "usage: java -jar quickstart/target/dsk-quickstart.jar [OPTION]...",
            "",
            "Starts Kafka (KRaft), a Kafka Connect worker with the DSK plugin, the DSK gateway and sample",
            "traffic in one process; Ctrl-C stops it, and the same command resumes it.",
            "",
            "  --port N                     gateway port (default " + GatewaySettings.DEFAULT_PORT
                    + "; 0 picks a free one)",
            "  --data-dir DIR               where Kafka, Connect and the gateway keep their data, with the",
            "                               ports and secret picked on the first start (default dsk-quickstart-data)",
            "  --no-sample-data             start the stack without the sample producer",
            "  --log-format FORMAT          text (default) or json: the progress lines and the logs of Kafka, Connect",
            "                               and the gateway as one JSON object per line; the read token then goes",
            "                               to the file " + DataDirectory.READ_TOKEN_FILE + " in the data directory",
            "  --gateway-option NAME=VALUE  one of the gateway's auth-* or rate-limit-* options (docs/auth.md);",
            "                               repeatable. With auth-enabled=true the quickstart signs tokens for its",
            "                               connectors and prints a read token",
            "  -h, --help                   print this help and exit",
            "",
            "See docs/quickstart.md.");

    private final PrintStream out;
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final long startedAt = System.nanoTime();
    private final LogFormat logFormat;

    QuickstartMain(PrintStream out) {
        this(out, LogFormat.TEXT);
    }

    /**
     * @param out where text progress goes
     * @param logFormat with {@link LogFormat#JSON}, progress is logged instead, one JSON line each
     */
    QuickstartMain(PrintStream out, LogFormat logFormat) {
        this.out = out;
        this.logFormat = logFormat;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("logback.configurationFile", "logback-quickstart.xml");
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("dsk-quickstart: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (options.help) {
            System.out.println(USAGE);
            System.exit(0);
            return;
        }
        options.logFormat.apply();
        QuickstartMain quickstart = new QuickstartMain(System.out, options.logFormat);
        // Ctrl-C and SIGTERM stop the parts in order on this thread, then exit 0. Left to the JVM's
        // shutdown hooks, Connect's own hook would stop the worker while Kafka and the gateway stop
        // beside it, and the exit status would be that of a signal.
        CountDownLatch stopRequested = new CountDownLatch(1);
        for (String signal : List.of("INT", "TERM")) {
            Signal.handle(new Signal(signal), s -> stopRequested.countDown());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(quickstart::close, "dsk-quickstart-shutdown"));
        try {
            quickstart.start(options);
        } catch (Exception e) {
            System.err.println("dsk-quickstart: could not start: " + e.getMessage());
            quickstart.close();
            System.exit(1);
        }
        stopRequested.await();
        quickstart.step("stopping: sample traffic, Connect, the gateway, then Kafka");
        quickstart.close();
        quickstart.step("stopped");
        System.exit(0);
    }

    /** What a running quickstart offers; {@code readToken} is null when auth is off. */
    record Running(String gatewayUrl, String bootstrapServers, String connectUrl, String readToken) {
    }

    /** Starts every part in dependency order; each is stopped in reverse order by {@link #close()}. */
    Running start(Options options) throws Exception {
        DataDirectory dataDir = keep(DataDirectory.lock(options.dataDir));
        Map<String, String> gatewayOptions = new LinkedHashMap<>(options.gatewayOptions);
        QuickstartTokens tokens = tokensFor(gatewayOptions, dataDir);

        step("starting Kafka (KRaft) in " + dataDir.resolve("kafka"));
        EmbeddedKafka kafka = keep(EmbeddedKafka.start(dataDir.resolve("kafka"), dataDir.port("kafka"),
                dataDir.port("kafka-controller")));
        kafka.createTopics(SampleTraffic.TOPICS, 3);

        step("starting the gateway on port " + options.port);
        GatewayServer gateway = keep(GatewayServer.start(GatewaySettings.builder()
                .port(options.port)
                .dataDir(dataDir.resolve("gateway"))
                .build(), next -> AuthHandlers.wrap(next, gatewayOptions), null));

        step("installing the DSK connector plugin");
        Path pluginPath = PluginInstaller.install(dataDir.resolve("plugins"));

        step("starting Kafka Connect (distributed mode) with plugin.path=" + pluginPath);
        EmbeddedConnect connect = keep(EmbeddedConnect.start(kafka.bootstrapServers(), pluginPath,
                dataDir.port("connect")));
        String connectorToken = tokens == null ? null : tokens.connectorToken(dataDir.firstStart());
        for (String name : CONNECTORS) {
            Map<String, String> config = connectorConfig(name, gateway.url() + "/v1/stream");
            if (connectorToken != null) {
                config.put(CONNECTOR_TOKEN_CONFIG, connectorToken);
            }
            connect.putConnector(config.get("name"), config);
        }

        if (options.sampleData) {
            step("producing sample records: AI token streams, a customers change feed, job progress");
            SampleTraffic traffic = keep(new SampleTraffic(kafka.bootstrapServers(),
                    dataDir.resolve("sample-ids.properties")));
            traffic.start();
        }

        String readToken = tokens == null ? null : tokens.readToken(Instant.now());
        if (logFormat == LogFormat.JSON) {
            logReady(kafka.bootstrapServers(), connect.restUrl(),
                    readToken == null ? null : dataDir.writeReadToken(readToken), gateway.url());
        } else {
            out.printf("%nKafka bootstrap servers: %s%nKafka Connect REST API: %s%n", kafka.bootstrapServers(),
                    connect.restUrl());
            if (readToken != null) {
                out.printf("Read token for the console and curl (valid %d days):%n%s%n",
                        QuickstartTokens.READ_TOKEN_LIFETIME.toDays(), readToken);
            }
            out.printf("%nopen %s/%n%nPress Ctrl-C to stop; run again with the same --data-dir to resume.%n",
                    gateway.url());
        }
        return new Running(gateway.url(), kafka.bootstrapServers(), connect.restUrl(), readToken);
    }

    /**
     * When auth is on, the tokens the quickstart signs for its connectors and its reader. Without an
     * {@code auth-jwt-hmac-secret} of the user's, a generated one kept in the data directory is
     * added; without an {@code auth-grants-claim}, {@value QuickstartTokens#DEFAULT_GRANTS_CLAIM}.
     *
     * @param gatewayOptions the gateway options, completed in place
     * @return the tokens, or null when auth is off
     */
    static QuickstartTokens tokensFor(Map<String, String> gatewayOptions, DataDirectory dataDir) throws IOException {
        if (!gatewayOptions.containsKey(AuthSettings.ENABLED)) {
            return null;
        }
        Map<String, String> completed = new LinkedHashMap<>(gatewayOptions);
        if (!completed.containsKey(AuthSettings.JWT_HMAC_SECRET)) {
            completed.put(AuthSettings.JWT_HMAC_SECRET,
                    AuthSettings.BASE64_PREFIX + Base64.getEncoder().encodeToString(dataDir.hmacSecret()));
        }
        completed.putIfAbsent(AuthSettings.GRANTS_CLAIM, QuickstartTokens.DEFAULT_GRANTS_CLAIM);
        AuthSettings auth = AuthSettings.from(completed);
        if (!auth.enabled()) {
            return null;
        }
        gatewayOptions.putAll(completed);
        return new QuickstartTokens(auth.hmacSecret().orElseThrow(), auth.grantsClaim().orElseThrow());
    }

    /**
     * Reads a bundled connector configuration (the Connect REST API's JSON form) and fills in the
     * gateway URL.
     */
    static Map<String, String> connectorConfig(String name, String streamRoot) throws IOException {
        try (InputStream in = QuickstartMain.class.getResourceAsStream("/connectors/" + name + ".json")) {
            if (in == null) {
                throw new IOException("connector configuration " + name + ".json is missing from the jar");
            }
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, String> config = new LinkedHashMap<>();
            config.put("name", root.path("name").asText());
            root.path("config").fields().forEachRemaining(e ->
                    config.put(e.getKey(), e.getValue().asText().replace("${gateway.url}", streamRoot)));
            return config;
        }
    }

    private <T extends AutoCloseable> T keep(T part) {
        running.push(part);
        return part;
    }

    /** A progress line: printed as text, or logged as a JSON line (never a token: see {@link #logReady}). */
    void step(String what) {
        if (logFormat == LogFormat.JSON) {
            progress().info("[{}s] {}", String.format(Locale.ROOT, "%.1f", (System.nanoTime() - startedAt) / 1e9), what);
        } else {
            out.printf("[%5.1fs] %s%n", (System.nanoTime() - startedAt) / 1e9, what);
        }
    }

    /** The ready banner as log lines; the read token stays out of the log, in a file of the data directory. */
    private static void logReady(String bootstrapServers, String connectUrl, Path readTokenFile, String gatewayUrl) {
        Logger log = progress();
        log.info("Kafka bootstrap servers: {}", bootstrapServers);
        log.info("Kafka Connect REST API: {}", connectUrl);
        if (readTokenFile != null) {
            log.info("read token for the console and curl (valid {} days) is in {}",
                    QuickstartTokens.READ_TOKEN_LIFETIME.toDays(), readTokenFile.toAbsolutePath());
        }
        log.info("open {}/ ; Ctrl-C stops, the same --data-dir resumes", gatewayUrl);
    }

    /**
     * The logger of the progress lines, made when first needed: logback configures itself when the first
     * logger is made, after {@link #main} chose {@code logback-quickstart.xml}.
     */
    private static Logger progress() {
        return LoggerFactory.getLogger(QuickstartMain.class);
    }

    /** Stops everything that was started, newest first; safe to call more than once. */
    synchronized void close() {
        while (!running.isEmpty()) {
            AutoCloseable part = running.pop();
            try {
                part.close();
            } catch (Exception e) {
                System.err.println("dsk-quickstart: error while stopping " + part.getClass().getSimpleName()
                        + ": " + e.getMessage());
            }
        }
    }

    /** Command-line options. */
    static final class Options {
        int port = GatewaySettings.DEFAULT_PORT;
        Path dataDir = Path.of("dsk-quickstart-data");
        boolean sampleData = true;
        boolean help;
        LogFormat logFormat = LogFormat.TEXT;
        final Map<String, String> gatewayOptions = new LinkedHashMap<>();

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> o.port = parsePort(value(args, ++i, "--port"));
                    case "--data-dir" -> o.dataDir = Path.of(value(args, ++i, "--data-dir"));
                    case "--no-sample-data" -> o.sampleData = false;
                    case "--log-format" -> o.logFormat = parseLogFormat(value(args, ++i, "--log-format"));
                    case "--gateway-option" -> o.addGatewayOption(value(args, ++i, "--gateway-option"));
                    case "-h", "--help" -> o.help = true;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return o;
        }

        private void addGatewayOption(String option) {
            int eq = option.indexOf('=');
            String name = eq < 0 ? option : option.substring(0, eq);
            if (eq < 1 || !(name.startsWith("auth-") || name.startsWith("rate-limit-"))) {
                throw new IllegalArgumentException("--gateway-option takes NAME=VALUE with an auth-* or rate-limit-*"
                        + " option name (see docs/auth.md), was " + name);
            }
            gatewayOptions.put(name, option.substring(eq + 1));
        }

        private static String value(String[] args, int i, String flag) {
            if (i >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            return args[i];
        }

        private static LogFormat parseLogFormat(String v) {
            if (!LogFormat.isValid(v)) {
                throw new IllegalArgumentException("--log-format must be " + LogFormat.ACCEPTED + ", was " + v);
            }
            return LogFormat.parse(v);
        }

        private static int parsePort(String v) {
            try {
                int port = Integer.parseInt(v);
                if (port >= 0 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
            throw new IllegalArgumentException("--port must be a number from 0 to 65535, was " + v);
        }
    }
}
