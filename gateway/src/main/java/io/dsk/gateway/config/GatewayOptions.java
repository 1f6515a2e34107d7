package io.dsk.gateway.config;

import static io.dsk.gateway.config.OptionGroup.AUTH;
import static io.dsk.gateway.config.OptionGroup.CLUSTER;
import static io.dsk.gateway.config.OptionGroup.RATE_LIMIT;
import static io.dsk.gateway.config.OptionGroup.SERVER;
import static io.dsk.gateway.config.OptionGroup.TLS;

import io.dsk.gateway.ops.LogFormat;
import io.dsk.gateway.store.StreamStore;
import io.dsk.gateway.streams.RetentionRules;
import io.dsk.gateway.streams.Streams;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The registry of every gateway option, each declared once: name, type, default, documentation,
 * group and rule. The settings objects ({@code GatewaySettings}, {@code AuthSettings},
 * {@code RateLimitSettings}, {@code TlsSettings}) read their values through it; the command line
 * ({@link ConfigSources#commandLine}), the {@code DSK_*} environment, the config file, {@code --help}
 * ({@link GatewayCommandLine#usage()}) and the option tables of {@code docs/gateway.md} and {@code docs/auth.md}
 * ({@link OptionTables}) all come from {@link #ALL}.
 *
 * <p>To add an option: declare it here and add it to {@link #ALL}; regenerate the docs tables
 * (see {@link OptionTables}). A {@link OptionGroup#SERVER} option is then parsed, checked and held
 * by {@code GatewaySettings} with no further edit; give it a typed accessor there
 * ({@code get(GatewayOptions.X)}) for the code that uses it. An auth, rate-limit or TLS option is
 * read in its settings class's {@code from(ConfigValues)}.
 */
public final class GatewayOptions {

    private static final Duration ONE_DAY = Duration.ofDays(1);

    // ---- server (docs/gateway.md) ----

    public static final GatewayOption<String> HOST = GatewayOption.builder("host", OptionType.TEXT, SERVER)
            .label("HOST").defaultValue("127.0.0.1")
            .doc("Interface to bind to.");
    /** The protocol's registered port (PROTOCOL.md section 13.1). */
    public static final GatewayOption<Integer> PORT = GatewayOption.builder("port", OptionType.INTEGER, SERVER)
            .label("PORT").defaultValue(4437).rule(p -> p >= 0 && p <= 65535, "0..65535")
            .doc("TCP port; 0 picks a free one (the ready line names it).");
    public static final GatewayOption<Path> DATA_DIR = GatewayOption.builder("data-dir", OptionType.PATH, SERVER)
            .label("DIR").defaultValue(Path.of("dsk-data"))
            .doc("RocksDB directory. Mutually exclusive with --in-memory.");
    public static final GatewayOption<Boolean> IN_MEMORY = GatewayOption.builder("in-memory", OptionType.BOOLEAN, SERVER)
            .defaultValue(false)
            .doc("Keep streams in memory only; nothing survives a restart.");
    public static final GatewayOption<Long> IN_MEMORY_MAX_BYTES =
            GatewayOption.builder("in-memory-max-bytes", OptionType.SIZE, SERVER)
            .defaultValue(0L).rule(n -> n >= 0, "0 or more")
            .doc("With --in-memory: how much the store may hold (keys and values, and about 96 bytes of heap "
                    + "an entry); past it creates and appends are 507 until streams are deleted. 0: half the "
                    + "JVM's maximum heap.");
    public static final GatewayOption<Duration> LONG_POLL_TIMEOUT = duration("long-poll-timeout", SERVER)
            .defaultValue(Duration.ofSeconds(30)).rule(GatewayOptions::positive, "a positive duration")
            .doc("How long a long-poll read waits for data before 204.");
    public static final GatewayOption<Duration> BODY_IDLE_TIMEOUT = duration("body-idle-timeout", SERVER)
            .defaultValue(Duration.ofSeconds(30)).rule(GatewayOptions::positive, "a positive duration")
            .doc("Longest a request body may go without a byte arriving; then 408 and the connection is closed.");
    public static final GatewayOption<Duration> SSE_CLOSE_INTERVAL = duration("sse-close-interval", SERVER)
            .defaultValue(Duration.ofSeconds(60)).rule(GatewayOptions::positive, "a positive duration")
            .doc("How long an SSE connection stays open before the server closes it.");
    public static final GatewayOption<Duration> SSE_KEEP_ALIVE_INTERVAL = duration("sse-keep-alive-interval", SERVER)
            .defaultValue(Duration.ofSeconds(15)).rule(GatewayOptions::positive, "a positive duration")
            .doc("SSE keep-alive comment interval: a connection that wrote nothing else during an interval "
                    + "gets a comment at its end.");
    public static final GatewayOption<Duration> SHUTDOWN_GRACE = duration("shutdown-grace", SERVER)
            .defaultValue(Duration.ofSeconds(10)).rule(d -> !d.isNegative(), "zero or more")
            .doc("How long shutdown waits for in-flight writes.");
    public static final GatewayOption<Integer> READ_CHUNK_BYTES =
            GatewayOption.builder("read-chunk-bytes", OptionType.INT_SIZE, SERVER)
            .defaultValue(1 << 20).rule(n -> n >= 1024, "at least 1024")
            .doc("Upper bound on a read body held in memory: a catch-up read of a JSON stream, a long-poll answer, "
                    + "one SSE event.");
    public static final GatewayOption<Long> READ_RESPONSE_BYTES =
            GatewayOption.builder("read-response-bytes", OptionType.SIZE, SERVER)
            .defaultValue(128L << 20).rule(n -> n >= 1024, "at least 1024")
            .doc("Upper bound on the body of one catch-up read of a byte stream; it is sent from the store in "
                    + "pieces of 1 MiB, so a large one costs no more memory.");
    public static final GatewayOption<Long> ENTRY_CACHE_BYTES =
            GatewayOption.builder("entry-cache-bytes", OptionType.SIZE, SERVER)
            .defaultValue(StreamStore.DEFAULT_ENTRY_CACHE_BYTES).rule(n -> n >= 0, "0 or more")
            .doc("Heap for the small entries (up to 16 KiB) that reads read lately, so that reading them again "
                    + "does not search the store (docs/storage.md); at most an eighth of the JVM's maximum heap; 0: none. "
                    + "Not used with --in-memory.");
    public static final GatewayOption<Long> MAX_APPEND_BYTES =
            GatewayOption.builder("max-append-bytes", OptionType.SIZE, SERVER)
            .defaultValue(16L << 20).rule(n -> n >= 1, "positive")
            .doc("Largest accepted create or append body; larger is 413.");
    public static final GatewayOption<Integer> MAX_PATH_LENGTH =
            GatewayOption.builder("max-path-length", OptionType.INTEGER, SERVER)
            .defaultValue(1024).rule(n -> n >= 16, "at least 16")
            .doc("Longest accepted stream path in bytes; longer is 414.");
    public static final GatewayOption<Integer> MAX_HEADER_BYTES =
            GatewayOption.builder("max-header-bytes", OptionType.INT_SIZE, SERVER)
            .defaultValue(16 << 10).rule(n -> n >= 1024, "at least 1024")
            .doc("Largest accepted request line plus headers; larger is 431.");
    public static final GatewayOption<Integer> MAX_FORK_DEPTH =
            GatewayOption.builder("max-fork-depth", OptionType.INTEGER, SERVER)
            .defaultValue(Streams.DEFAULT_MAX_FORK_DEPTH).rule(n -> n >= 0 && n <= 1000, "0..1000")
            .doc("Most forks between a stream and its root (0 refuses every fork); a deeper fork is 400.");
    public static final GatewayOption<Integer> CURSOR_INTERVAL_SECONDS =
            GatewayOption.builder("cursor-interval-seconds", OptionType.INTEGER, SERVER)
            .defaultValue(20).rule(n -> n >= 1, "positive")
            .doc("Length of a long-poll cursor interval in seconds.");
    public static final GatewayOption<String> HISTORICAL_CACHE_CONTROL =
            GatewayOption.builder("historical-cache-control", OptionType.TEXT, SERVER)
            .defaultValue("public, max-age=60, stale-while-revalidate=300")
            .doc("Cache-Control of historical (non-tail) reads.");
    public static final GatewayOption<List<String>> RETENTION = list("retention", SERVER)
            .label("RULES").rule(GatewayOptions::isRetentionRules, RetentionRules.ACCEPTED)
            .doc("Retention by path pattern, comma-separated rules `PATTERN AGE`, `PATTERN SIZE` or `PATTERN AGE SIZE` "
                    + "(e.g. `dashboards/** 7d, metrics/** 1GiB`); the first matching rule applies, resolved when a "
                    + "stream is created and stored with it. See docs/storage.md.");
    public static final GatewayOption<Duration> RETENTION_CHECK_INTERVAL = duration("retention-check-interval", SERVER)
            .defaultValue(Duration.ofSeconds(10)).rule(GatewayOptions::positive, "a positive duration")
            .doc("How often streams with retention drop the history their policy no longer keeps.");
    public static final GatewayOption<Duration> RETENTION_COMPACTION_INTERVAL =
            duration("retention-compaction-interval", SERVER)
            .defaultValue(Duration.ofMinutes(5)).rule(GatewayOptions::positive, "a positive duration")
            .doc("Shortest time between two compactions of the store ranges retention dropped, which return "
                    + "their disk space.");
    public static final GatewayOption<Boolean> SUBSCRIPTIONS_ALLOW_LOOPBACK_WEBHOOKS =
            GatewayOption.builder("subscriptions-allow-loopback-webhooks", OptionType.BOOLEAN, SERVER)
            .defaultValue(false)
            .doc("Development mode for webhook subscriptions: allow webhook URLs on loopback (`http://localhost`, "
                    + "`http://127.0.0.x`); every other private, link-local or metadata address stays refused.");
    public static final GatewayOption<Duration> SUBSCRIPTIONS_SIGNING_KEY_ROTATION =
            duration("subscriptions-signing-key-rotation", SERVER)
            .defaultValue(Duration.ofDays(30)).rule(d -> d.compareTo(Duration.ofHours(1)) >= 0, "at least 1h")
            .doc("Age at which the webhook signing key is replaced; the old public key stays in the JWKS for "
                    + "twice the 5-minute replay window.");
    /** Non-blocking IO threads: one per core, at least two. */
    public static final GatewayOption<Integer> IO_THREADS = GatewayOption.builder("io-threads", OptionType.INTEGER, SERVER)
            .defaultValue(Math.max(2, Runtime.getRuntime().availableProcessors())).rule(n -> n >= 1 && n <= 256, "1..256")
            .documentedDefault("number of cores, at least 2")
            .doc("Undertow IO threads (non-blocking).");
    public static final GatewayOption<Integer> WORKER_THREADS =
            GatewayOption.builder("worker-threads", OptionType.INTEGER, SERVER)
            .defaultValue(32 * IO_THREADS.defaultValue()).rule(n -> n >= 1 && n <= 4096, "1..4096")
            .documentedDefault("32 x io-threads")
            .doc("Threads for blocking work such as reads that need the disk, creates and deletes (catch-up "
                    + "reads of data in memory are answered on the IO thread; appends wait on one committer thread).");
    public static final GatewayOption<String> LOG_FORMAT = GatewayOption.builder("log-format", OptionType.TEXT, SERVER)
            .label("FORMAT").defaultValue(LogFormat.TEXT.id()).rule(LogFormat::isValid, LogFormat.ACCEPTED)
            .doc("Log lines as `text`, or as `json` (one object per line, for log collectors); each line logged "
                    + "while a request is handled carries its `X-Request-Id`. See docs/operations.md.");
    public static final GatewayOption<Path> CONFIG = GatewayOption.builder("config", OptionType.PATH, SERVER)
            .label("FILE")
            .doc("Properties file with more options, keys without dashes; it cannot name another.");
    public static final GatewayOption<Boolean> HELP = GatewayOption.builder("help", OptionType.BOOLEAN, SERVER)
            .commandLineOnly()
            .doc("Prints the options with their defaults and exits.");

    // ---- authentication (docs/auth.md) ----

    public static final GatewayOption<Boolean> AUTH_ENABLED = bool("auth-enabled", false,
            "Turn authentication and authorisation on.");
    public static final GatewayOption<String> AUTH_REALM = GatewayOption.builder("auth-realm", OptionType.TEXT, AUTH)
            .defaultValue("dsk")
            .rule(r -> !r.isEmpty() && r.chars().noneMatch(c -> c == '"' || c == '\\' || c < 0x20),
                    "non-empty text without quotes or backslashes")
            .doc("Realm in `WWW-Authenticate` challenges.");
    public static final GatewayOption<String> AUTH_JWT_ISSUER = GatewayOption.builder("auth-jwt-issuer", OptionType.TEXT, AUTH)
            .label("ISSUER").documentedDefault("none (any)")
            .doc("Required `iss`.");
    public static final GatewayOption<List<String>> AUTH_JWT_AUDIENCE = list("auth-jwt-audience", AUTH)
            .documentedDefault("none (any)")
            .doc("Accepted `aud` values, comma-separated; the token must name one.");
    public static final GatewayOption<Duration> AUTH_JWT_CLOCK_SKEW = duration("auth-jwt-clock-skew", AUTH)
            .defaultValue(Duration.ofSeconds(30)).rule(d -> d.compareTo(Duration.ofMinutes(10)) <= 0, "at most 10m")
            .doc("Tolerance on `exp` and `nbf` (0 to 10m).");
    public static final GatewayOption<Boolean> AUTH_JWT_REQUIRE_EXP = bool("auth-jwt-require-exp", true,
            "Refuse tokens without `exp`.");
    public static final GatewayOption<List<String>> AUTH_JWT_ALGORITHMS = list("auth-jwt-algorithms", AUTH)
            .documentedDefault("all 14 supported")
            .doc("Accepted `alg` values, comma-separated (HS256..512, RS256..512, PS256..512, ES256..512, EdDSA, "
                    + "Ed25519).");
    public static final GatewayOption<String> AUTH_JWT_HMAC_SECRET =
            GatewayOption.builder("auth-jwt-hmac-secret", OptionType.SECRET, AUTH)
            .doc("Shared HMAC secret, ≥ 32 bytes (48 for HS384, 64 for HS512); `base64:` prefix for binary. "
                    + "Generate one: `openssl rand -base64 48`.");
    public static final GatewayOption<List<String>> AUTH_JWT_PUBLIC_KEYS = list("auth-jwt-public-keys", AUTH)
            .doc("PEM public keys or certificates, comma-separated, each `path` or `kid=path`.");
    public static final GatewayOption<Path> AUTH_JWT_JWKS_FILE = GatewayOption.builder("auth-jwt-jwks-file", OptionType.PATH, AUTH)
            .label("FILE")
            .doc("Static JWK set file.");
    public static final GatewayOption<String> AUTH_JWT_JWKS_URL = GatewayOption.builder("auth-jwt-jwks-url", OptionType.TEXT, AUTH)
            .label("URL").rule(GatewayOptions::isHttpUrl, "an http(s) URL")
            .doc("JWKS URL (http or https).");
    public static final GatewayOption<Duration> AUTH_JWT_JWKS_MAX_AGE = duration("auth-jwt-jwks-max-age", AUTH)
            .defaultValue(Duration.ofMinutes(15)).rule(d -> between(d, Duration.ofSeconds(1), Duration.ofDays(7)), "1s..168h")
            .doc("Longest a fetched key set is used before a refetch.");
    public static final GatewayOption<Duration> AUTH_JWT_JWKS_REFETCH_INTERVAL = duration("auth-jwt-jwks-refetch-interval", AUTH)
            .defaultValue(Duration.ofSeconds(30)).rule(d -> d.compareTo(ONE_DAY) <= 0, "at most 24h")
            .doc("Shortest time between two fetches (unknown `kid` refetches are limited by it).");
    public static final GatewayOption<Duration> AUTH_JWT_JWKS_TIMEOUT = duration("auth-jwt-jwks-timeout", AUTH)
            .defaultValue(Duration.ofSeconds(5)).rule(d -> between(d, Duration.ofMillis(1), Duration.ofMinutes(5)), "1ms..5m")
            .doc("Longest one fetch may take, from connecting to the last byte of the key set (a server that trickles its body is cut off).");
    public static final GatewayOption<Integer> AUTH_JWT_CACHE_SIZE =
            GatewayOption.builder("auth-jwt-cache-size", OptionType.INTEGER, AUTH)
            .defaultValue(10_000).rule(n -> n >= 0 && n <= 10_000_000, "0..10000000")
            .doc("Accepted tokens remembered to skip repeated signature checks; `0` turns it off.");
    public static final GatewayOption<Duration> AUTH_JWT_CACHE_TTL = duration("auth-jwt-cache-ttl", AUTH)
            .defaultValue(Duration.ofSeconds(60)).rule(d -> between(d, Duration.ofSeconds(1), Duration.ofHours(1)), "1s..1h")
            .doc("Longest a token is served from that cache (1s to 1h; never past `exp`).");
    public static final GatewayOption<String> AUTH_TOKEN_COOKIE = GatewayOption.builder("auth-token-cookie", OptionType.TEXT, AUTH)
            .label("NAME").defaultValue("dsk_token").emptyAllowed()
            .rule(GatewayOptions::isCookieName, "a valid cookie name")
            .doc("Cookie carrying a token; empty turns cookie tokens off.");
    public static final GatewayOption<Boolean> AUTH_TOKEN_COOKIE_WRITES = bool("auth-token-cookie-writes", false,
            "Let cookie tokens authorise writes and admin (exposes you to CSRF).");
    public static final GatewayOption<Boolean> AUTH_TOKEN_QUERY = bool("auth-token-query", false,
            "Accept `?token=` on reads (for EventSource).");
    public static final GatewayOption<List<String>> AUTH_GRANTS_READ = list("auth-grants-read", AUTH)
            .label("PATTERNS").doc("Patterns every valid token may read.");
    public static final GatewayOption<List<String>> AUTH_GRANTS_WRITE = list("auth-grants-write", AUTH)
            .label("PATTERNS").doc("Patterns every valid token may write.");
    public static final GatewayOption<List<String>> AUTH_GRANTS_ADMIN = list("auth-grants-admin", AUTH)
            .label("PATTERNS").doc("Patterns every valid token may administer.");
    public static final GatewayOption<List<String>> AUTH_ANONYMOUS_GRANTS_READ = list("auth-anonymous-grants-read", AUTH)
            .label("PATTERNS").doc("Patterns anyone may read.");
    public static final GatewayOption<List<String>> AUTH_ANONYMOUS_GRANTS_WRITE = list("auth-anonymous-grants-write", AUTH)
            .label("PATTERNS").doc("Patterns anyone may write.");
    public static final GatewayOption<List<String>> AUTH_ANONYMOUS_GRANTS_ADMIN = list("auth-anonymous-grants-admin", AUTH)
            .label("PATTERNS").doc("Patterns anyone may administer.");
    public static final GatewayOption<String> AUTH_GRANTS_CLAIM = GatewayOption.builder("auth-grants-claim", OptionType.TEXT, AUTH)
            .label("CLAIM")
            .doc("Claim holding further grants (e.g. `ds`).");
    public static final GatewayOption<List<String>> AUTH_PUBLIC_PATHS = list("auth-public-paths", AUTH)
            .label("PATTERNS")
            .doc("Patterns whose reads stay `Cache-Control: public`; no `{claim}`.");

    // ---- rate limits (docs/auth.md) ----

    public static final GatewayOption<Double> RATE_LIMIT_IP_RPS = rate("rate-limit-ip-rps").documentedDefault("`0` (off)")
            .doc("Requests per second per client address (fractions allowed).");
    public static final GatewayOption<Double> RATE_LIMIT_IP_BURST = rate("rate-limit-ip-burst")
            .documentedDefault("one second's worth (`ceil(rps)`, at least 1)")
            .doc("Requests a client address may send at once.");
    public static final GatewayOption<Double> RATE_LIMIT_SUBJECT_RPS = rate("rate-limit-subject-rps")
            .documentedDefault("`0` (off)")
            .doc("Requests per second per token subject.");
    public static final GatewayOption<Double> RATE_LIMIT_SUBJECT_BURST = rate("rate-limit-subject-burst")
            .documentedDefault("one second's worth")
            .doc("Requests a subject may send at once.");
    public static final GatewayOption<Integer> RATE_LIMIT_MAX_BUCKETS =
            GatewayOption.builder("rate-limit-max-buckets", OptionType.INTEGER, RATE_LIMIT)
            .defaultValue(100_000).rule(n -> n >= 1, "positive")
            .doc("Most buckets kept per kind of limit.");

    // ---- TLS (docs/auth.md) ----

    public static final GatewayOption<Path> TLS_CERT = GatewayOption.builder("tls-cert", OptionType.PATH, TLS)
            .label("FILE").doc("PEM certificate chain; with `tls-key` turns HTTPS on.");
    public static final GatewayOption<Path> TLS_KEY = GatewayOption.builder("tls-key", OptionType.PATH, TLS)
            .label("FILE").doc("PEM private key (PKCS#8, or PKCS#1 RSA), unencrypted.");
    public static final GatewayOption<Path> TLS_KEYSTORE = GatewayOption.builder("tls-keystore", OptionType.PATH, TLS)
            .label("FILE").doc("Key store file; turns HTTPS on. Not together with `tls-cert`.");
    public static final GatewayOption<String> TLS_KEYSTORE_PASSWORD =
            GatewayOption.builder("tls-keystore-password", OptionType.SECRET, TLS)
            .label("PASSWORD").defaultValue("").emptyAllowed().documentedDefault("empty")
            .doc("Key store and key password.");
    public static final GatewayOption<String> TLS_KEYSTORE_TYPE = GatewayOption.builder("tls-keystore-type", OptionType.TEXT, TLS)
            .label("TYPE").defaultValue("PKCS12")
            .doc("Key store type (`PKCS12`, `JKS`).");

    // ---- cluster mode (docs/cluster.md) ----

    public static final GatewayOption<List<String>> CLUSTER_BOOTSTRAP_SERVERS = list("cluster-bootstrap-servers", CLUSTER)
            .label("HOST:PORT,...")
            .doc("Kafka brokers of the command log; setting them turns cluster mode on.");
    public static final GatewayOption<String> CLUSTER_TOPIC = GatewayOption.builder("cluster-topic", OptionType.TEXT, CLUSTER)
            .label("TOPIC").defaultValue("dsk.log").rule(t -> t.matches("[a-zA-Z0-9._-]{1,249}"),
                    "a Kafka topic name (letters, digits, '.', '_', '-')")
            .doc("The command log topic; created when missing.");
    public static final GatewayOption<Path> CLUSTER_KAFKA_CONFIG = GatewayOption.builder("cluster-kafka-config", OptionType.PATH, CLUSTER)
            .label("FILE")
            .doc("Kafka client properties (TLS, SASL, any client setting) for the command log.");
    public static final GatewayOption<String> NODE_ID = GatewayOption.builder("node-id", OptionType.TEXT, CLUSTER)
            .label("ID").documentedDefault("the host name")
            .doc("This node's name in logs and Kafka client ids.");
    public static final GatewayOption<Integer> CLUSTER_PARTITIONS =
            GatewayOption.builder("cluster-partitions", OptionType.INTEGER, CLUSTER)
            .defaultValue(1).rule(n -> n >= 1 && n <= 1000, "1..1000")
            .doc("Partitions of a command log topic this node creates; streams are spread over them by path.");
    public static final GatewayOption<Integer> CLUSTER_REPLICATION_FACTOR =
            GatewayOption.builder("cluster-replication-factor", OptionType.INTEGER, CLUSTER)
            .defaultValue(3).rule(n -> n >= 1 && n <= 32, "1..32")
            .doc("Replicas of the command log; an existing topic with fewer is refused.");
    public static final GatewayOption<Integer> CLUSTER_MIN_INSYNC_REPLICAS =
            GatewayOption.builder("cluster-min-insync-replicas", OptionType.INTEGER, CLUSTER)
            .defaultValue(2).rule(n -> n >= 1 && n <= 32, "1..32")
            .doc("Brokers that hold every acknowledged command; an existing topic with fewer is refused.");
    public static final GatewayOption<Duration> CLUSTER_READ_WAIT = duration("cluster-read-wait", CLUSTER)
            .defaultValue(Duration.ofSeconds(10)).rule(GatewayOptions::positive, "a positive duration")
            .doc("Longest a read waits for this node to apply what other nodes acknowledged; then 503.");
    public static final GatewayOption<Duration> CLUSTER_WRITE_TIMEOUT = duration("cluster-write-timeout", CLUSTER)
            .defaultValue(Duration.ofSeconds(30)).rule(GatewayOptions::positive, "a positive duration")
            .doc("Longest a write waits for its command to be logged and applied; then 503, outcome unknown.");

    /** Every option, in the order of {@code --help} and of the docs tables. */
    public static final List<GatewayOption<?>> ALL = List.of(
            HOST, PORT, DATA_DIR, IN_MEMORY, IN_MEMORY_MAX_BYTES, LONG_POLL_TIMEOUT, SSE_CLOSE_INTERVAL,
            SSE_KEEP_ALIVE_INTERVAL, SHUTDOWN_GRACE, READ_CHUNK_BYTES, READ_RESPONSE_BYTES, ENTRY_CACHE_BYTES,
            MAX_APPEND_BYTES,
            MAX_PATH_LENGTH, MAX_HEADER_BYTES, MAX_FORK_DEPTH, BODY_IDLE_TIMEOUT, CURSOR_INTERVAL_SECONDS,
            HISTORICAL_CACHE_CONTROL, RETENTION, RETENTION_CHECK_INTERVAL, RETENTION_COMPACTION_INTERVAL,
            SUBSCRIPTIONS_ALLOW_LOOPBACK_WEBHOOKS, SUBSCRIPTIONS_SIGNING_KEY_ROTATION, IO_THREADS,
            WORKER_THREADS, LOG_FORMAT, CONFIG, HELP,
            AUTH_ENABLED, AUTH_REALM, AUTH_JWT_ISSUER, AUTH_JWT_AUDIENCE, AUTH_JWT_CLOCK_SKEW, AUTH_JWT_REQUIRE_EXP,
            AUTH_JWT_ALGORITHMS, AUTH_JWT_HMAC_SECRET, AUTH_JWT_PUBLIC_KEYS, AUTH_JWT_JWKS_FILE, AUTH_JWT_JWKS_URL,
            AUTH_JWT_JWKS_MAX_AGE, AUTH_JWT_JWKS_REFETCH_INTERVAL, AUTH_JWT_JWKS_TIMEOUT, AUTH_JWT_CACHE_SIZE,
            AUTH_JWT_CACHE_TTL, AUTH_TOKEN_COOKIE, AUTH_TOKEN_COOKIE_WRITES, AUTH_TOKEN_QUERY,
            AUTH_GRANTS_READ, AUTH_GRANTS_WRITE, AUTH_GRANTS_ADMIN,
            AUTH_ANONYMOUS_GRANTS_READ, AUTH_ANONYMOUS_GRANTS_WRITE, AUTH_ANONYMOUS_GRANTS_ADMIN,
            AUTH_GRANTS_CLAIM, AUTH_PUBLIC_PATHS,
            RATE_LIMIT_IP_RPS, RATE_LIMIT_IP_BURST, RATE_LIMIT_SUBJECT_RPS, RATE_LIMIT_SUBJECT_BURST,
            RATE_LIMIT_MAX_BUCKETS,
            TLS_CERT, TLS_KEY, TLS_KEYSTORE, TLS_KEYSTORE_PASSWORD, TLS_KEYSTORE_TYPE,
            CLUSTER_BOOTSTRAP_SERVERS, CLUSTER_TOPIC, CLUSTER_KAFKA_CONFIG, NODE_ID, CLUSTER_PARTITIONS,
            CLUSTER_REPLICATION_FACTOR, CLUSTER_MIN_INSYNC_REPLICAS, CLUSTER_READ_WAIT, CLUSTER_WRITE_TIMEOUT);

    private static final Map<String, GatewayOption<?>> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(GatewayOption::name, Function.identity()));

    private GatewayOptions() {
    }

    /**
     * @param name a key such as {@code long-poll-timeout}
     * @return the option of that name
     */
    public static Optional<GatewayOption<?>> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The options of one group, in registry order. */
    public static List<GatewayOption<?>> inGroup(OptionGroup group) {
        return ALL.stream().filter(o -> o.group() == group).collect(Collectors.toUnmodifiableList());
    }

    private static GatewayOption.Builder<Duration> duration(String name, OptionGroup group) {
        return GatewayOption.builder(name, OptionType.DURATION, group);
    }

    private static GatewayOption.Builder<List<String>> list(String name, OptionGroup group) {
        return GatewayOption.builder(name, OptionType.LIST, group).defaultValue(List.of()).documentedDefault("none");
    }

    private static GatewayOption<Boolean> bool(String name, boolean defaultValue, String doc) {
        return GatewayOption.builder(name, OptionType.BOOLEAN, AUTH).defaultValue(defaultValue).doc(doc);
    }

    private static GatewayOption.Builder<Double> rate(String name) {
        return GatewayOption.builder(name, OptionType.NUMBER, RATE_LIMIT).defaultValue(0.0)
                .rule(n -> n >= 0, "zero or more");
    }

    private static boolean positive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }

    private static boolean isRetentionRules(List<String> rules) {
        try {
            RetentionRules.parse(rules);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean between(Duration d, Duration min, Duration max) {
        return d.compareTo(min) >= 0 && d.compareTo(max) <= 0;
    }

    private static boolean isHttpUrl(String text) {
        try {
            URI uri = URI.create(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isCookieName(String name) {
        return name.isEmpty() || name.chars().allMatch(c -> c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0);
    }
}
