package io.dsk.gateway;

import io.dsk.gateway.auth.AuthSettings;
import io.dsk.gateway.auth.RateLimitSettings;
import io.dsk.gateway.config.ByteSizeFormat;
import io.dsk.gateway.config.ConfigException;
import io.dsk.gateway.config.ConfigSources;
import io.dsk.gateway.config.ConfigValues;
import io.dsk.gateway.config.DurationFormat;
import io.dsk.gateway.tls.TlsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Builds {@link GatewaySettings} from the command line, {@code DSK_*} environment variables and a
 * properties file, in that order of precedence, over the defaults.
 *
 * <p>{@link #OPTIONS} is the one list of the gateway's own options: the usage text and the option
 * table in {@code docs/gateway.md} are checked against it.
 */
public final class GatewaySettingsLoader {

    /** Key of the config file option; it is read from the command line and environment only. */
    public static final String CONFIG = "config";
    /** Key that asks for the usage text. */
    public static final String HELP = "help";

    /** Every option that sets a {@link GatewaySettings} value, in usage order. */
    public static final List<Option> OPTIONS = List.of(
            Option.string("host", "HOST", "Interface to bind to.",
                    GatewaySettings::host, GatewaySettings.Builder::host),
            Option.of("port", "PORT", "TCP port; 0 picks a free one (the ready line names it).",
                    s -> Integer.toString(s.port()), ConfigValues::integer, GatewaySettings.Builder::port),
            Option.of("data-dir", "DIR", "RocksDB directory. Mutually exclusive with --in-memory.",
                    s -> s.dataDir().toString(), (c, k) -> c.string(k).map(Path::of), GatewaySettings.Builder::dataDir),
            Option.of("in-memory", "[BOOL]", "Keep streams in memory only; nothing survives a restart.",
                    s -> Boolean.toString(s.inMemory()), ConfigValues::bool, GatewaySettings.Builder::inMemory),
            Option.duration("long-poll-timeout", "How long a long-poll read waits for data before 204.",
                    GatewaySettings::longPollTimeout, GatewaySettings.Builder::longPollTimeout),
            Option.duration("sse-close-interval", "How long an SSE connection stays open before the server closes it.",
                    GatewaySettings::sseCloseInterval, GatewaySettings.Builder::sseCloseInterval),
            Option.duration("sse-keep-alive-interval", "Interval of SSE keep-alive comments on an idle connection.",
                    GatewaySettings::sseKeepAliveInterval, GatewaySettings.Builder::sseKeepAliveInterval),
            Option.duration("shutdown-grace", "How long shutdown waits for in-flight writes.",
                    GatewaySettings::shutdownGrace, GatewaySettings.Builder::shutdownGrace),
            Option.of("read-chunk-bytes", "SIZE", "Upper bound on a read body held in memory: a catch-up read of a "
                    + "JSON stream, a long-poll answer, one SSE event.",
                    s -> ByteSizeFormat.format(s.readChunkBytes()), GatewaySettingsLoader::intSize,
                    GatewaySettings.Builder::readChunkBytes),
            Option.of("read-response-bytes", "SIZE", "Upper bound on the body of one catch-up read of a byte stream; "
                    + "it is sent from the store in pieces of 1 MiB, so a large one costs no more memory.",
                    s -> ByteSizeFormat.format(s.readResponseBytes()), ConfigValues::byteSize,
                    GatewaySettings.Builder::readResponseBytes),
            Option.of("max-append-bytes", "SIZE", "Largest accepted create or append body; larger is 413.",
                    s -> ByteSizeFormat.format(s.maxAppendBytes()), ConfigValues::byteSize,
                    GatewaySettings.Builder::maxAppendBytes),
            Option.of("max-path-length", "N", "Longest accepted stream path in bytes; longer is 414.",
                    s -> Integer.toString(s.maxPathLength()), ConfigValues::integer,
                    GatewaySettings.Builder::maxPathLength),
            Option.of("max-header-bytes", "SIZE", "Largest accepted request line plus headers; larger is 431.",
                    s -> ByteSizeFormat.format(s.maxHeaderBytes()), GatewaySettingsLoader::intSize,
                    GatewaySettings.Builder::maxHeaderBytes),
            Option.of("max-fork-depth", "N", "Most forks between a stream and its root (0 refuses every fork); "
                    + "a deeper fork is 400.",
                    s -> Integer.toString(s.maxForkDepth()), ConfigValues::integer,
                    GatewaySettings.Builder::maxForkDepth),
            Option.of("cursor-interval-seconds", "N", "Length of a long-poll cursor interval in seconds.",
                    s -> Integer.toString(s.cursorIntervalSeconds()), ConfigValues::integer,
                    GatewaySettings.Builder::cursorIntervalSeconds),
            Option.string("historical-cache-control", "VALUE", "Cache-Control of historical (non-tail) reads.",
                    GatewaySettings::historicalCacheControl, GatewaySettings.Builder::historicalCacheControl),
            Option.of("io-threads", "N", "Undertow IO threads (non-blocking).",
                    s -> Integer.toString(s.ioThreads()), ConfigValues::integer, GatewaySettings.Builder::ioThreads)
                    .withDocumentedDefault("number of cores, at least 2"),
            Option.of("worker-threads", "N",
                    "Threads for blocking work such as reads, creates and deletes (appends wait on one committer thread).",
                    s -> Integer.toString(s.workerThreads()), ConfigValues::integer,
                    GatewaySettings.Builder::workerThreads)
                    .withDocumentedDefault("32 x io-threads"));

    private GatewaySettingsLoader() {
    }

    /**
     * Reads the command line, the environment and the config file named by {@code --config} (or
     * {@code DSK_CONFIG}) into one raw view. Keys are not checked yet: every component reads its
     * own, then the caller calls {@link ConfigValues#rejectUnknown()}.
     *
     * @param args the command line
     * @param environment the process environment
     * @return the merged raw configuration
     * @throws ConfigException for a malformed command line or an unreadable config file
     */
    public static ConfigValues configValues(String[] args, Map<String, String> environment) {
        Map<String, String> commandLine = ConfigSources.commandLine(args);
        ConfigValues withoutFile = ConfigValues.of(commandLine, environment, Map.of(), null);
        Optional<Path> file = withoutFile.string(CONFIG).map(Path::of);
        if (file.isEmpty()) {
            return withoutFile;
        }
        Map<String, String> fileValues = ConfigSources.propertiesFile(file.get());
        if (fileValues.containsKey(CONFIG)) {
            throw new ConfigException("config in " + file.get() + ": a config file cannot name another; remove the key");
        }
        ConfigValues merged = ConfigValues.of(commandLine, environment, fileValues, file.get());
        merged.string(CONFIG);
        return merged;
    }

    /**
     * Builds the settings from the options in {@link #OPTIONS}; unset options keep their defaults.
     *
     * @param config the raw configuration
     * @return the settings
     * @throws ConfigException naming the option whose value is malformed or out of range
     */
    public static GatewaySettings settings(ConfigValues config) {
        config.isSet(HELP);
        if (config.isSet("data-dir") && config.bool("in-memory").orElse(false)) {
            throw new ConfigException(config.describe("data-dir") + " and " + config.describe("in-memory")
                    + " exclude each other: choose one store");
        }
        GatewaySettings.Builder builder = GatewaySettings.builder();
        for (Option option : OPTIONS) {
            option.apply(config, builder);
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ConfigException(nameSource(config, String.valueOf(e.getMessage())));
        }
    }

    /** Rewrites "port must be ..." as "DSK_PORT: port must be ..." so the user sees where to fix it. */
    private static String nameSource(ConfigValues config, String message) {
        for (Option option : OPTIONS) {
            if (message.equals(option.name()) || message.startsWith(option.name() + " ")) {
                return config.describe(option.name()) + ": " + message;
            }
        }
        return "invalid setting: " + message;
    }

    /**
     * Command line, environment and file in one step, rejecting keys no option reads. Components
     * with their own keys use {@link #configValues} and {@link #settings} instead.
     */
    public static GatewaySettings load(String[] args, Map<String, String> environment) {
        ConfigValues config = configValues(args, environment);
        GatewaySettings settings = settings(config);
        config.rejectUnknown();
        return settings;
    }

    /** The usage text printed by {@code --help}. */
    public static String usage() {
        GatewaySettings defaults = GatewaySettings.defaults();
        StringBuilder out = new StringBuilder(2048)
                .append("Usage: java -jar dsk-gateway.jar [options]\n\n")
                .append("Every option can also be set by the environment variable DSK_<NAME> (upper case,\n")
                .append("'-' as '_') or by a key NAME in the --config properties file.\n")
                .append("Precedence: command line, then environment, then file, then default.\n")
                .append("Durations: ").append(DurationFormat.ACCEPTED).append(".\n")
                .append("Sizes: ").append(ByteSizeFormat.ACCEPTED).append(".\n\n");
        for (Option option : OPTIONS) {
            out.append("  --").append(option.name()).append(' ').append(option.valueForm()).append('\n')
               .append("      ").append(option.description())
               .append(" Default: ").append(option.defaultValue(defaults)).append('\n');
        }
        appendKeyList(out, "Authentication (docs/auth.md)", AuthSettings.KEYS);
        appendKeyList(out, "Rate limits (docs/auth.md)", RateLimitSettings.KEYS);
        appendKeyList(out, "TLS with HTTP/2 (docs/auth.md)", TlsSettings.KEYS);
        out.append("  --").append(CONFIG).append(" FILE\n")
           .append("      Java properties file with more options (keys without dashes). Also DSK_CONFIG.\n")
           .append("  --").append(HELP).append('\n')
           .append("      Print this text and exit.\n");
        return out.toString();
    }

    /** Appends {@code title} and the option names {@code keys}, wrapped at 100 columns. */
    private static void appendKeyList(StringBuilder out, String title, List<String> keys) {
        out.append("  ").append(title).append(':');
        StringBuilder line = new StringBuilder();
        for (String key : keys) {
            if (line.length() + key.length() + 3 > 94) {
                out.append("\n     ").append(line);
                line.setLength(0);
            }
            line.append(" --").append(key);
        }
        out.append("\n     ").append(line).append('\n');
    }

    private static Optional<Integer> intSize(ConfigValues config, String key) {
        return config.byteSize(key).map(size -> {
            if (size > Integer.MAX_VALUE) {
                throw new ConfigException(config.describe(key) + ": at most " + Integer.MAX_VALUE + " bytes, got " + size);
            }
            return size.intValue();
        });
    }

    /**
     * One gateway option: its key, how its value is written, what it does, its default, and how it
     * sets the builder.
     */
    public static final class Option {
        private final String name;
        private final String valueForm;
        private final String description;
        private final Function<GatewaySettings, String> defaultValue;
        private final BiConsumer<ConfigValues, GatewaySettings.Builder> apply;
        private final String documentedDefault;

        private Option(String name, String valueForm, String description,
                       Function<GatewaySettings, String> defaultValue,
                       BiConsumer<ConfigValues, GatewaySettings.Builder> apply, String documentedDefault) {
            this.name = name;
            this.valueForm = valueForm;
            this.description = description;
            this.defaultValue = defaultValue;
            this.apply = apply;
            this.documentedDefault = documentedDefault;
        }

        /** The same option, with a default that depends on the machine described in words. */
        Option withDocumentedDefault(String words) {
            return new Option(name, valueForm, description, defaultValue, apply, words);
        }

        static <T> Option of(String name, String valueForm, String description,
                             Function<GatewaySettings, String> defaultValue,
                             BiFunction<ConfigValues, String, Optional<T>> read,
                             BiConsumer<GatewaySettings.Builder, T> set) {
            return new Option(name, valueForm, description, defaultValue,
                    (config, builder) -> read.apply(config, name).ifPresent(value -> set.accept(builder, value)), null);
        }

        static Option string(String name, String valueForm, String description,
                             Function<GatewaySettings, String> defaultValue,
                             BiConsumer<GatewaySettings.Builder, String> set) {
            return of(name, valueForm, description, defaultValue, ConfigValues::string, set);
        }

        static Option duration(String name, String description,
                               Function<GatewaySettings, Duration> defaultValue,
                               BiConsumer<GatewaySettings.Builder, Duration> set) {
            return of(name, "DURATION", description, s -> DurationFormat.format(defaultValue.apply(s)),
                    ConfigValues::duration, set);
        }

        /** Key, used as {@code --name}, {@code DSK_NAME} and {@code name=} in the config file. */
        public String name() {
            return name;
        }

        /** How the value is written, e.g. {@code DURATION} or {@code SIZE}. */
        public String valueForm() {
            return valueForm;
        }

        /** One sentence on what the option does. */
        public String description() {
            return description;
        }

        /** The default as it would be written on the command line. */
        public String defaultValue(GatewaySettings defaults) {
            return defaultValue.apply(defaults);
        }

        /**
         * The default as the documentation states it: the value itself, or words where it depends
         * on the machine (thread counts).
         */
        public String documentedDefault() {
            return documentedDefault != null ? documentedDefault : defaultValue(GatewaySettings.defaults());
        }

        /** The environment variable of this option. */
        public String environmentName() {
            return ConfigValues.environmentName(name);
        }

        void apply(ConfigValues config, GatewaySettings.Builder builder) {
            apply.accept(config, builder);
        }
    }
}
