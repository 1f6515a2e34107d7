package io.dsk.gateway.auth;

import com.nimbusds.jose.JWSAlgorithm;
import io.dsk.gateway.config.ConfigException;
import io.dsk.gateway.config.ConfigValues;
import io.dsk.path.StreamPathPattern;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code auth-*} options: how bearer JWTs are verified, where tokens are read from, and which
 * stream paths each caller may read, write and administer.
 *
 * <p>Auth is off by default, so a fresh install serves everyone (the quickstart). Once on, every
 * request under {@code /v1/stream/} is denied unless a grant allows it. Build with
 * {@link #from(Map)} from raw option values, or with {@link #builder()} in code; either way
 * {@link Builder#build()} checks every value and names the option to change.
 */
public final class AuthSettings {

    public static final String ENABLED = "auth-enabled";
    public static final String REALM = "auth-realm";
    public static final String JWT_ISSUER = "auth-jwt-issuer";
    public static final String JWT_AUDIENCE = "auth-jwt-audience";
    public static final String JWT_CLOCK_SKEW = "auth-jwt-clock-skew";
    public static final String JWT_REQUIRE_EXP = "auth-jwt-require-exp";
    public static final String JWT_ALGORITHMS = "auth-jwt-algorithms";
    public static final String JWT_HMAC_SECRET = "auth-jwt-hmac-secret";
    public static final String JWT_PUBLIC_KEYS = "auth-jwt-public-keys";
    public static final String JWT_JWKS_FILE = "auth-jwt-jwks-file";
    public static final String JWT_JWKS_URL = "auth-jwt-jwks-url";
    public static final String JWT_JWKS_MAX_AGE = "auth-jwt-jwks-max-age";
    public static final String JWT_JWKS_REFETCH_INTERVAL = "auth-jwt-jwks-refetch-interval";
    public static final String JWT_JWKS_TIMEOUT = "auth-jwt-jwks-timeout";
    public static final String JWT_CACHE_SIZE = "auth-jwt-cache-size";
    public static final String JWT_CACHE_TTL = "auth-jwt-cache-ttl";
    public static final String TOKEN_COOKIE = "auth-token-cookie";
    public static final String TOKEN_COOKIE_WRITES = "auth-token-cookie-writes";
    public static final String TOKEN_QUERY = "auth-token-query";
    public static final String GRANTS_PREFIX = "auth-grants-";
    public static final String ANONYMOUS_GRANTS_PREFIX = "auth-anonymous-grants-";
    public static final String GRANTS_CLAIM = "auth-grants-claim";
    public static final String PUBLIC_PATHS = "auth-public-paths";

    public static final String DEFAULT_REALM = "dsk";
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);
    public static final Duration DEFAULT_JWKS_MAX_AGE = Duration.ofMinutes(15);
    public static final Duration DEFAULT_JWKS_REFETCH_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_JWKS_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_CACHE_SIZE = 10_000;
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(60);
    public static final String DEFAULT_TOKEN_COOKIE = "dsk_token";
    /** The query parameter carrying a token when {@value #TOKEN_QUERY} is on. */
    public static final String QUERY_PARAMETER = "token";
    /** Prefix of an {@value #JWT_HMAC_SECRET} value given in base64 rather than as text. */
    public static final String BASE64_PREFIX = "base64:";

    /** Every option this class reads, in documentation order. */
    public static final List<String> KEYS = List.of(ENABLED, REALM, JWT_ISSUER, JWT_AUDIENCE, JWT_CLOCK_SKEW,
            JWT_REQUIRE_EXP, JWT_ALGORITHMS, JWT_HMAC_SECRET, JWT_PUBLIC_KEYS, JWT_JWKS_FILE, JWT_JWKS_URL,
            JWT_JWKS_MAX_AGE, JWT_JWKS_REFETCH_INTERVAL, JWT_JWKS_TIMEOUT, JWT_CACHE_SIZE, JWT_CACHE_TTL, TOKEN_COOKIE, TOKEN_COOKIE_WRITES,
            TOKEN_QUERY, GRANTS_PREFIX + "read", GRANTS_PREFIX + "write", GRANTS_PREFIX + "admin",
            ANONYMOUS_GRANTS_PREFIX + "read", ANONYMOUS_GRANTS_PREFIX + "write", ANONYMOUS_GRANTS_PREFIX + "admin",
            GRANTS_CLAIM, PUBLIC_PATHS);

    private static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(10);

    private final Builder b;
    private final Grants grants;
    private final Grants anonymousGrants;
    private final List<StreamPathPattern> publicPaths;

    private AuthSettings(Builder b, Grants grants, Grants anonymousGrants, List<StreamPathPattern> publicPaths) {
        this.b = b;
        this.grants = grants;
        this.anonymousGrants = anonymousGrants;
        this.publicPaths = publicPaths;
    }

    /** Auth off: every request passes (the default). */
    public static AuthSettings disabled() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the {@code auth-*} options; absent keys take their defaults.
     *
     * @param values raw option values by kebab-case key (CLI, {@code DSK_*} environment and config file merged)
     * @return the settings
     * @throws IllegalArgumentException naming the option whose value is invalid
     */
    public static AuthSettings from(Map<String, String> values) {
        OptionValues v = new OptionValues(values);
        Builder builder = builder()
                .enabled(v.bool(ENABLED, false))
                .realm(v.text(REALM, DEFAULT_REALM))
                .issuer(v.text(JWT_ISSUER).orElse(null))
                .audiences(v.list(JWT_AUDIENCE))
                .clockSkew(v.duration(JWT_CLOCK_SKEW, DEFAULT_CLOCK_SKEW))
                .requireExpiry(v.bool(JWT_REQUIRE_EXP, true))
                .jwksFile(v.text(JWT_JWKS_FILE).map(Path::of).orElse(null))
                .jwksMaxAge(v.duration(JWT_JWKS_MAX_AGE, DEFAULT_JWKS_MAX_AGE))
                .jwksRefetchInterval(v.duration(JWT_JWKS_REFETCH_INTERVAL, DEFAULT_JWKS_REFETCH_INTERVAL))
                .jwksTimeout(v.duration(JWT_JWKS_TIMEOUT, DEFAULT_JWKS_TIMEOUT))
                .cacheSize(v.nonNegativeInt(JWT_CACHE_SIZE, DEFAULT_CACHE_SIZE))
                .cacheTtl(v.duration(JWT_CACHE_TTL, DEFAULT_CACHE_TTL))
                .tokenCookie(v.textOrEmpty(TOKEN_COOKIE, DEFAULT_TOKEN_COOKIE))
                .tokenCookieWrites(v.bool(TOKEN_COOKIE_WRITES, false))
                .tokenQuery(v.bool(TOKEN_QUERY, false))
                .grantsClaim(v.text(GRANTS_CLAIM).orElse(null))
                .publicPaths(v.list(PUBLIC_PATHS));
        v.exact(JWT_HMAC_SECRET).ifPresent(secret -> builder.hmacSecret(decodeSecret(secret)));
        v.text(JWT_JWKS_URL).ifPresent(url -> builder.jwksUrl(parseUrl(url)));
        v.text(JWT_ALGORITHMS).ifPresent(list -> builder.algorithms(parseAlgorithms(Grants.splitList(list))));
        for (String item : v.list(JWT_PUBLIC_KEYS)) {
            builder.publicKey(PublicKeyFile.parse(item));
        }
        for (Action action : Action.values()) {
            builder.grant(action, v.list(GRANTS_PREFIX + action.key()));
            builder.anonymousGrant(action, v.list(ANONYMOUS_GRANTS_PREFIX + action.key()));
        }
        return builder.build();
    }

    /**
     * Reads the {@code auth-*} options from the gateway's merged configuration (command line,
     * {@code DSK_*} environment, config file), marking them as known.
     *
     * @param config the merged configuration
     * @return the settings
     * @throws ConfigException naming the option whose value is invalid
     */
    public static AuthSettings from(ConfigValues config) {
        try {
            return from(OptionValues.read(config, KEYS));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private static byte[] decodeSecret(String secret) {
        if (!secret.startsWith(BASE64_PREFIX)) {
            return secret.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Base64.getDecoder().decode(secret.substring(BASE64_PREFIX.length()).strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(JWT_HMAC_SECRET + ": the value after 'base64:' is not base64", e);
        }
    }

    private static URI parseUrl(String url) {
        try {
            URI uri = URI.create(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalArgumentException(JWT_JWKS_URL + " must be an http(s) URL, got '" + url + "'");
    }

    private static Set<JWSAlgorithm> parseAlgorithms(List<String> names) {
        Set<JWSAlgorithm> parsed = new LinkedHashSet<>();
        for (String name : names) {
            JWSAlgorithm algorithm = VerificationKeys.ALL.stream()
                    .filter(a -> a.getName().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(JWT_ALGORITHMS + ": unknown algorithm '" + name
                            + "'; choose from " + VerificationKeys.ALL));
            parsed.add(algorithm);
        }
        return parsed;
    }

    /** Whether auth is on ({@value #ENABLED}, default false). */
    public boolean enabled() {
        return b.enabled;
    }

    /** The realm of {@code WWW-Authenticate} challenges ({@value #REALM}, default {@value #DEFAULT_REALM}). */
    public String realm() {
        return b.realm;
    }

    /** The required {@code iss} ({@value #JWT_ISSUER}); empty means any issuer. */
    public Optional<String> issuer() {
        return Optional.ofNullable(b.issuer);
    }

    /** Accepted audiences ({@value #JWT_AUDIENCE}); a token must name one of them. Empty means any. */
    public Set<String> audiences() {
        return Set.copyOf(b.audiences);
    }

    /** Tolerance on {@code exp} and {@code nbf} ({@value #JWT_CLOCK_SKEW}, default 30s). */
    public Duration clockSkew() {
        return b.clockSkew;
    }

    /** Whether tokens without {@code exp} are refused ({@value #JWT_REQUIRE_EXP}, default true). */
    public boolean requireExpiry() {
        return b.requireExpiry;
    }

    /** Signature algorithms accepted at all ({@value #JWT_ALGORITHMS}); each key narrows further to its type. */
    public Set<JWSAlgorithm> algorithms() {
        return Set.copyOf(b.algorithms);
    }

    /** The shared HMAC secret ({@value #JWT_HMAC_SECRET}), a copy. */
    public Optional<byte[]> hmacSecret() {
        return Optional.ofNullable(b.hmacSecret).map(byte[]::clone);
    }

    /** PEM public keys or certificates ({@value #JWT_PUBLIC_KEYS}). */
    public List<PublicKeyFile> publicKeys() {
        return List.copyOf(b.publicKeys);
    }

    /** A static JWK set file ({@value #JWT_JWKS_FILE}). */
    public Optional<Path> jwksFile() {
        return Optional.ofNullable(b.jwksFile);
    }

    /** A JWKS URL fetched and cached ({@value #JWT_JWKS_URL}). */
    public Optional<URI> jwksUrl() {
        return Optional.ofNullable(b.jwksUrl);
    }

    /** Longest time a fetched key set is used before a refetch ({@value #JWT_JWKS_MAX_AGE}, default 15m). */
    public Duration jwksMaxAge() {
        return b.jwksMaxAge;
    }

    /** Shortest time between two JWKS fetches ({@value #JWT_JWKS_REFETCH_INTERVAL}, default 30s). */
    public Duration jwksRefetchInterval() {
        return b.jwksRefetchInterval;
    }

    /** Timeout of one JWKS fetch ({@value #JWT_JWKS_TIMEOUT}, default 5s). */
    public Duration jwksTimeout() {
        return b.jwksTimeout;
    }

    /** Most recently accepted tokens kept to skip repeated signature checks ({@value #JWT_CACHE_SIZE}, default 10000; 0 = off). */
    public int cacheSize() {
        return b.cacheSize;
    }

    /** Longest time an accepted token is served from that cache ({@value #JWT_CACHE_TTL}, default 60s). */
    public Duration cacheTtl() {
        return b.cacheTtl;
    }

    /** Cookie carrying a token ({@value #TOKEN_COOKIE}, default {@value #DEFAULT_TOKEN_COOKIE}); empty when off. */
    public Optional<String> tokenCookie() {
        return b.tokenCookie.isEmpty() ? Optional.empty() : Optional.of(b.tokenCookie);
    }

    /** Whether a cookie token may also authorise writes and admin ({@value #TOKEN_COOKIE_WRITES}, default false). */
    public boolean tokenCookieWrites() {
        return b.tokenCookieWrites;
    }

    /** Whether {@code ?token=} is accepted on reads ({@value #TOKEN_QUERY}, default false). */
    public boolean tokenQuery() {
        return b.tokenQuery;
    }

    /** Claim holding extra grants ({@value #GRANTS_CLAIM}); empty when tokens carry none. */
    public Optional<String> grantsClaim() {
        return Optional.ofNullable(b.grantsClaim);
    }

    Grants grants() {
        return grants;
    }

    Grants anonymousGrants() {
        return anonymousGrants;
    }

    List<StreamPathPattern> publicPaths() {
        return publicPaths;
    }

    /** True when some key source is configured. */
    boolean hasKeys() {
        return b.hmacSecret != null || !b.publicKeys.isEmpty() || b.jwksFile != null || b.jwksUrl != null;
    }

    @Override
    public String toString() {
        if (!b.enabled) {
            return "AuthSettings{disabled}";
        }
        return "AuthSettings{issuer=" + b.issuer + ", audiences=" + b.audiences
                + ", hmacSecret=" + (b.hmacSecret == null ? "none" : "<redacted>")
                + ", publicKeys=" + b.publicKeys + ", jwksFile=" + b.jwksFile + ", jwksUrl=" + b.jwksUrl
                + ", cookie=" + b.tokenCookie + ", query=" + b.tokenQuery
                + ", grants=" + grants + ", anonymous=" + anonymousGrants + ", public=" + publicPaths + "}";
    }

    /** A PEM public key file and the {@code kid} it answers to (any when null). */
    public record PublicKeyFile(String keyId, Path path) {

        public PublicKeyFile {
            Objects.requireNonNull(path, "path");
        }

        /** Parses {@code path} or {@code kid=path}. */
        static PublicKeyFile parse(String item) {
            int eq = item.indexOf('=');
            if (eq < 0) {
                return new PublicKeyFile(null, Path.of(item));
            }
            String kid = item.substring(0, eq).strip();
            String path = item.substring(eq + 1).strip();
            if (kid.isEmpty() || path.isEmpty()) {
                throw new IllegalArgumentException(JWT_PUBLIC_KEYS + ": write each key as 'path' or 'kid=path', got '"
                        + item + "'");
            }
            return new PublicKeyFile(kid, Path.of(path));
        }
    }

    /** Mutable builder; {@link #build()} checks every value. */
    public static final class Builder {
        private boolean enabled;
        private String realm = DEFAULT_REALM;
        private String issuer;
        private Set<String> audiences = Set.of();
        private Duration clockSkew = DEFAULT_CLOCK_SKEW;
        private boolean requireExpiry = true;
        private Set<JWSAlgorithm> algorithms = VerificationKeys.ALL;
        private byte[] hmacSecret;
        private final List<PublicKeyFile> publicKeys = new ArrayList<>();
        private Path jwksFile;
        private URI jwksUrl;
        private Duration jwksMaxAge = DEFAULT_JWKS_MAX_AGE;
        private Duration jwksRefetchInterval = DEFAULT_JWKS_REFETCH_INTERVAL;
        private Duration jwksTimeout = DEFAULT_JWKS_TIMEOUT;
        private int cacheSize = DEFAULT_CACHE_SIZE;
        private Duration cacheTtl = DEFAULT_CACHE_TTL;
        private String tokenCookie = DEFAULT_TOKEN_COOKIE;
        private boolean tokenCookieWrites;
        private boolean tokenQuery;
        private final Map<Action, List<String>> grants = new EnumMap<>(Action.class);
        private final Map<Action, List<String>> anonymousGrants = new EnumMap<>(Action.class);
        private String grantsClaim;
        private List<String> publicPaths = List.of();

        private Builder() {
        }

        public Builder enabled(boolean value) {
            this.enabled = value;
            return this;
        }

        public Builder realm(String value) {
            this.realm = value;
            return this;
        }

        public Builder issuer(String value) {
            this.issuer = value;
            return this;
        }

        public Builder audiences(List<String> values) {
            this.audiences = Set.copyOf(values);
            return this;
        }

        public Builder clockSkew(Duration value) {
            this.clockSkew = value;
            return this;
        }

        public Builder requireExpiry(boolean value) {
            this.requireExpiry = value;
            return this;
        }

        public Builder algorithms(Set<JWSAlgorithm> values) {
            this.algorithms = Set.copyOf(values);
            return this;
        }

        public Builder hmacSecret(byte[] value) {
            this.hmacSecret = value == null ? null : value.clone();
            return this;
        }

        public Builder publicKey(PublicKeyFile value) {
            this.publicKeys.add(Objects.requireNonNull(value, "publicKey"));
            return this;
        }

        public Builder jwksFile(Path value) {
            this.jwksFile = value;
            return this;
        }

        public Builder jwksUrl(URI value) {
            this.jwksUrl = value;
            return this;
        }

        public Builder jwksMaxAge(Duration value) {
            this.jwksMaxAge = value;
            return this;
        }

        public Builder jwksRefetchInterval(Duration value) {
            this.jwksRefetchInterval = value;
            return this;
        }

        public Builder jwksTimeout(Duration value) {
            this.jwksTimeout = value;
            return this;
        }

        /** Most accepted tokens kept to skip repeated signature checks; 0 turns the cache off. */
        public Builder cacheSize(int value) {
            this.cacheSize = value;
            return this;
        }

        public Builder cacheTtl(Duration value) {
            this.cacheTtl = value;
            return this;
        }

        /** The token cookie's name; empty turns cookie tokens off. */
        public Builder tokenCookie(String value) {
            this.tokenCookie = value == null ? "" : value;
            return this;
        }

        public Builder tokenCookieWrites(boolean value) {
            this.tokenCookieWrites = value;
            return this;
        }

        public Builder tokenQuery(boolean value) {
            this.tokenQuery = value;
            return this;
        }

        /** Adds patterns any valid token is granted for the action. */
        public Builder grant(Action action, List<String> patterns) {
            this.grants.computeIfAbsent(action, a -> new ArrayList<>()).addAll(patterns);
            return this;
        }

        public Builder grant(Action action, String... patterns) {
            return grant(action, Arrays.asList(patterns));
        }

        /** Adds patterns granted for the action to requests without a token. */
        public Builder anonymousGrant(Action action, List<String> patterns) {
            this.anonymousGrants.computeIfAbsent(action, a -> new ArrayList<>()).addAll(patterns);
            return this;
        }

        public Builder anonymousGrant(Action action, String... patterns) {
            return anonymousGrant(action, Arrays.asList(patterns));
        }

        public Builder grantsClaim(String value) {
            this.grantsClaim = value == null || value.isBlank() ? null : value.strip();
            return this;
        }

        /** Paths whose reads stay {@code Cache-Control: public} even when a token authorised them. */
        public Builder publicPaths(List<String> values) {
            this.publicPaths = List.copyOf(values);
            return this;
        }

        /**
         * @return the settings
         * @throws IllegalArgumentException naming the option whose value is invalid
         */
        public AuthSettings build() {
            require(realm != null && !realm.isBlank() && realm.chars().noneMatch(c -> c == '"' || c == '\\' || c < 0x20),
                    REALM + " must be non-empty text without quotes or backslashes");
            requireDuration(clockSkew, JWT_CLOCK_SKEW, Duration.ZERO, MAX_CLOCK_SKEW);
            requireDuration(jwksMaxAge, JWT_JWKS_MAX_AGE, Duration.ofSeconds(1), Duration.ofDays(7));
            requireDuration(jwksRefetchInterval, JWT_JWKS_REFETCH_INTERVAL, Duration.ZERO, Duration.ofDays(1));
            requireDuration(jwksTimeout, JWT_JWKS_TIMEOUT, Duration.ofMillis(1), Duration.ofMinutes(5));
            requireDuration(cacheTtl, JWT_CACHE_TTL, Duration.ofSeconds(1), Duration.ofHours(1));
            require(cacheSize >= 0 && cacheSize <= 10_000_000, JWT_CACHE_SIZE + " must be 0..10000000, was " + cacheSize);
            require(!algorithms.isEmpty(), JWT_ALGORITHMS + " must name at least one algorithm");
            require(VerificationKeys.ALL.containsAll(algorithms), JWT_ALGORITHMS + " may only name " + VerificationKeys.ALL);
            require(hmacSecret == null || hmacSecret.length >= VerificationKeys.MIN_HMAC_BYTES,
                    JWT_HMAC_SECRET + " must be at least " + VerificationKeys.MIN_HMAC_BYTES + " bytes (256 bits)");
            require(tokenCookie.isEmpty() || tokenCookie.chars().allMatch(c -> c > 0x20 && c < 0x7f
                    && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0), TOKEN_COOKIE + " must be a valid cookie name");
            Grants parsedGrants = Grants.parse(joined(grants), a -> GRANTS_PREFIX + a.key());
            Grants parsedAnonymous = Grants.parse(joined(anonymousGrants), a -> ANONYMOUS_GRANTS_PREFIX + a.key());
            List<StreamPathPattern> parsedPublic = parsePublicPaths();
            AuthSettings settings = new AuthSettings(copy(), parsedGrants, parsedAnonymous, parsedPublic);
            require(!enabled || settings.hasKeys() || !parsedAnonymous.isEmpty(), ENABLED
                    + "=true denies everything without a key: set " + JWT_HMAC_SECRET + ", " + JWT_PUBLIC_KEYS
                    + ", " + JWT_JWKS_FILE + " or " + JWT_JWKS_URL + " (or grant anonymous access)");
            return settings;
        }

        private List<StreamPathPattern> parsePublicPaths() {
            List<StreamPathPattern> parsed = new ArrayList<>();
            for (String text : publicPaths) {
                StreamPathPattern pattern;
                try {
                    pattern = StreamPathPattern.parse(text);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(PUBLIC_PATHS + ": " + e.getMessage(), e);
                }
                require(pattern.placeholders().isEmpty(), PUBLIC_PATHS + ": '" + text
                        + "' names a claim; public paths are the same for every caller");
                parsed.add(pattern);
            }
            return List.copyOf(parsed);
        }

        private static Map<Action, String> joined(Map<Action, List<String>> lists) {
            Map<Action, String> joined = new EnumMap<>(Action.class);
            lists.forEach((action, list) -> joined.put(action, String.join(",", list)));
            return joined;
        }

        private Builder copy() {
            Builder c = new Builder();
            c.enabled = enabled;
            c.realm = realm.strip();
            c.issuer = issuer;
            c.audiences = audiences;
            c.clockSkew = clockSkew;
            c.requireExpiry = requireExpiry;
            c.algorithms = algorithms;
            c.hmacSecret = hmacSecret == null ? null : hmacSecret.clone();
            c.publicKeys.addAll(publicKeys);
            c.jwksFile = jwksFile;
            c.jwksUrl = jwksUrl;
            c.jwksMaxAge = jwksMaxAge;
            c.jwksRefetchInterval = jwksRefetchInterval;
            c.jwksTimeout = jwksTimeout;
            c.cacheSize = cacheSize;
            c.cacheTtl = cacheTtl;
            c.tokenCookie = tokenCookie;
            c.tokenCookieWrites = tokenCookieWrites;
            c.tokenQuery = tokenQuery;
            c.grantsClaim = grantsClaim;
            c.publicPaths = publicPaths;
            return c;
        }

        private static void requireDuration(Duration value, String key, Duration min, Duration max) {
            require(value != null && value.compareTo(min) >= 0 && value.compareTo(max) <= 0,
                    key + " must be between " + min + " and " + max + ", was " + value);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
