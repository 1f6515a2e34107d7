package io.dsk.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The merged raw configuration: for every key, the value from the command line, else from the
 * environment variable {@code DSK_<KEY>}, else from the config file.
 *
 * <p>Keys are the long flag names without the leading dashes ({@code long-poll-timeout}), as
 * declared in {@link GatewayOptions}. {@link #get(GatewayOption)} types a value by the one set of
 * rules of its {@link OptionType} and checks the option's rule; errors name the source
 * ({@code --port}, {@code DSK_PORT} or {@code port in FILE:LINE}) and what is accepted.
 * {@link #rejectUnknown()} fails on command-line and file keys that are no registered option.
 * Environment variables are only looked up, never enumerated for rejection, because the
 * environment is shared with other programs; {@link #unreadEnvironmentVariables()} lists the
 * {@code DSK_*} variables that name no option so the caller can warn about them.
 *
 * <p>Thread-safe; meant to be read once at start-up.
 */
public final class ConfigValues {

    /** Prefix of the environment variables the gateway reads. */
    public static final String ENV_PREFIX = "DSK_";

    private final Map<String, String> commandLine;
    private final Map<String, String> environment;
    private final Map<String, String> file;
    private final Path fileOrigin;
    private final Map<String, Integer> fileLines;
    private final Set<String> read = ConcurrentHashMap.newKeySet();

    private ConfigValues(Map<String, String> commandLine, Map<String, String> environment,
                         Map<String, String> file, Path fileOrigin, Map<String, Integer> fileLines) {
        this.commandLine = Map.copyOf(commandLine);
        this.environment = Map.copyOf(environment);
        this.file = Map.copyOf(file);
        this.fileOrigin = fileOrigin;
        this.fileLines = Map.copyOf(fileLines);
    }

    /**
     * @param commandLine keys and values given as flags, see {@link ConfigSources#commandLine}
     * @param environment the process environment (all of it; only {@code DSK_*} names are used)
     * @param file keys and values of the config file, empty if there is none
     * @param fileOrigin the config file, for messages; null if there is none
     * @return the merged view
     */
    public static ConfigValues of(Map<String, String> commandLine, Map<String, String> environment,
                                  Map<String, String> file, Path fileOrigin) {
        return new ConfigValues(commandLine, environment, file, fileOrigin, Map.of());
    }

    /**
     * @param commandLine keys and values given as flags
     * @param environment the process environment
     * @param file the config file as read by {@link ConfigSources#propertiesFile(Path)}
     * @return the merged view, naming file values by {@code file:line}
     */
    public static ConfigValues of(Map<String, String> commandLine, Map<String, String> environment,
                                  ConfigSources.PropertiesFile file) {
        return new ConfigValues(commandLine, environment, file.values(), file.path(), file.lines());
    }

    /** A view over the command line alone, for tests and embedding. */
    public static ConfigValues ofCommandLine(Map<String, String> commandLine) {
        return of(commandLine, Map.of(), Map.of(), null);
    }

    /**
     * @param key a key such as {@code long-poll-timeout}
     * @return its environment variable, such as {@code DSK_LONG_POLL_TIMEOUT}
     */
    public static String environmentName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** The raw value of {@code key} from the first source that sets it. */
    public Optional<String> string(String key) {
        read.add(key);
        String value = commandLine.get(key);
        if (value == null) {
            value = environment.get(environmentName(key));
        }
        if (value == null) {
            value = file.get(key);
        }
        return Optional.ofNullable(value);
    }

    /** True if any source sets {@code key}. */
    public boolean isSet(String key) {
        return string(key).isPresent();
    }

    /**
     * The value of a registered option: parsed by the rules of its type and checked against its
     * rule. An absent value, or a blank one where the option does not allow empty, gives the default.
     *
     * @param option the option
     * @param <T> its type
     * @return the value, or the option's default (null when it has none)
     * @throws ConfigException naming the source ({@code --flag}, {@code DSK_X} or {@code file:line})
     *     and the accepted form
     */
    public <T> T get(GatewayOption<T> option) {
        Optional<String> raw = string(option.name());
        if (raw.isEmpty() || (raw.get().isBlank() && !option.emptyAllowed())) {
            return option.defaultValue();
        }
        T value = parse(option.name(), option.type(), raw.get());
        Optional<String> problem = option.problem(value);
        if (problem.isPresent()) {
            throw new ConfigException(describe(option.name()) + ": " + problem.get());
        }
        return value;
    }

    /** {@link #get} for options whose default is none. */
    public <T> Optional<T> find(GatewayOption<T> option) {
        return Optional.ofNullable(get(option));
    }

    /** A whole number in {@code int} range. */
    public Optional<Integer> integer(String key) {
        return typed(key, OptionType.INTEGER);
    }

    /** A whole number in {@code long} range. */
    public Optional<Long> longValue(String key) {
        return typed(key, OptionType.LONG);
    }

    /** {@code true} or {@code false}, any case; a flag given without a value is {@code true}. */
    public Optional<Boolean> bool(String key) {
        return typed(key, OptionType.BOOLEAN);
    }

    /** A duration such as {@code 500ms}, {@code 30s}, {@code 2m} or {@code 1h}. */
    public Optional<Duration> duration(String key) {
        return typed(key, OptionType.DURATION);
    }

    /** A byte size such as {@code 1048576}, {@code 64KiB} or {@code 16MiB}. */
    public Optional<Long> byteSize(String key) {
        return typed(key, OptionType.SIZE);
    }

    /** A comma-separated list; blanks around items are dropped, as are empty items. */
    public Optional<List<String>> list(String key) {
        return typed(key, OptionType.LIST);
    }

    /**
     * @param key a key
     * @return where its value comes from, as the user wrote it: {@code --port}, {@code DSK_PORT}
     *     or {@code port in /etc/dsk/gateway.properties}
     */
    public String describe(String key) {
        if (commandLine.containsKey(key)) {
            return "--" + key;
        }
        String env = environmentName(key);
        if (environment.containsKey(env)) {
            return env;
        }
        if (file.containsKey(key)) {
            Integer line = fileLines.get(key);
            return key + " in " + fileOrigin + (line == null ? "" : ":" + line);
        }
        return "--" + key;
    }

    /**
     * Fails if the command line or the config file set a key that is no registered option and that
     * no component read.
     *
     * @throws ConfigException naming every such key, with the closest known key as a hint
     */
    public void rejectUnknown() {
        Set<String> unknown = new TreeSet<>(commandLine.keySet());
        unknown.addAll(file.keySet());
        unknown.removeAll(known());
        if (unknown.isEmpty()) {
            return;
        }
        List<String> problems = new ArrayList<>();
        for (String key : unknown) {
            String hint = closestKnown(key).map(k -> " (did you mean " + spell(key, k) + "?)").orElse("");
            problems.add("unknown option " + describe(key) + hint);
        }
        throw new ConfigException(String.join("; ", problems));
    }

    /**
     * Turns a refusal from a settings builder, whose message starts with an option's name, into a
     * {@link ConfigException} that names where that option's value came from.
     *
     * @param e the refusal, e.g. {@code port must be 0..65535, was 70000}
     * @return e.g. {@code DSK_PORT: port must be 0..65535, was 70000}
     */
    public ConfigException sourced(RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        Optional<String> name = GatewayOptions.ALL.stream().map(GatewayOption::name)
                .filter(n -> message.startsWith(n) && (message.length() == n.length()
                        || " :=".indexOf(message.charAt(n.length())) >= 0))
                .max(Comparator.comparingInt(String::length));
        if (name.isEmpty() || !isSet(name.get())) {
            return new ConfigException(name.isEmpty() ? "invalid setting: " + message : message);
        }
        String rest = message.substring(name.get().length());
        return new ConfigException(describe(name.get())
                + (rest.startsWith(":") ? rest : ": " + message));
    }

    /**
     * @param variable a {@code DSK_*} variable that names no option
     * @return the variable with the closest option's variable as a hint, e.g.
     *     {@code DSK_AUTH_ENABELD (did you mean DSK_AUTH_ENABLED?)}
     */
    public String withHint(String variable) {
        List<String> known = known().stream().map(ConfigValues::environmentName).collect(Collectors.toList());
        return variable + closest(variable, known).map(k -> " (did you mean " + k + "?)").orElse("");
    }

    /** The {@code DSK_*} environment variables that name no key read so far, sorted. */
    public List<String> unreadEnvironmentVariables() {
        Set<String> known = known().stream().map(ConfigValues::environmentName).collect(Collectors.toSet());
        return environment.keySet().stream()
                .filter(name -> name.startsWith(ENV_PREFIX) && !known.contains(name))
                .sorted().collect(Collectors.toList());
    }

    private <T> Optional<T> typed(String key, OptionType<T> type) {
        return string(key).map(raw -> parse(key, type, raw));
    }

    private <T> T parse(String key, OptionType<T> type, String raw) {
        try {
            return type.parse(raw);
        } catch (OptionType.Refusal e) {
            throw new ConfigException(describe(key) + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            String shown = type.exact() ? "<redacted>" : raw;
            throw new ConfigException(describe(key) + ": expected " + type.accepted() + ", got '" + shown + "'");
        }
    }

    /** The registered option names and every key a component asked for. */
    private Set<String> known() {
        Set<String> known = new TreeSet<>(read);
        GatewayOptions.ALL.forEach(option -> known.add(option.name()));
        return known;
    }

    private String spell(String unknownKey, String knownKey) {
        return describe(unknownKey).startsWith("--") ? "--" + knownKey : knownKey;
    }

    private Optional<String> closestKnown(String key) {
        return closest(key, known());
    }

    /**
     * @param key a name nobody knows
     * @param candidates known names
     * @return the candidate a typo most likely meant, if any is close enough
     */
    public static Optional<String> closest(String key, Collection<String> candidates) {
        return candidates.stream()
                .filter(candidate -> distance(key, candidate) <= Math.max(2, key.length() / 4))
                .min(Comparator.comparingInt((String candidate) -> distance(key, candidate))
                        .thenComparing(Comparator.naturalOrder()));
    }

    /** Levenshtein distance, for the "did you mean" hint. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    @Override
    public String toString() {
        return "ConfigValues{commandLine=" + commandLine.keySet() + ", file=" + Objects.toString(fileOrigin, "none") + "}";
    }
}
