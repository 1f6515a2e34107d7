package io.dsk.gateway.auth;

import com.nimbusds.jose.JWSAlgorithm;
import io.dsk.gateway.config.ConfigException;
import io.dsk.gateway.config.ConfigValues;
import io.dsk.gateway.config.GatewayOption;
import io.dsk.gateway.config.GatewayOptions;
import io.dsk.gateway.config.OptionGroup;
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
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code auth-*} options: how bearer JWTs are verified, where tokens are read from, and which
 * stream paths each caller may read, write and administer.
 *
 * <p>Auth is off by default, so a fresh install serves everyone (the quickstart). Once on, every
 * request under {@code /v1/stream/} is denied unless a grant allows it. Every option is declared
 * in {@link GatewayOptions}. Build with {@link #from(ConfigValues)} from the gateway's
 * configuration, or with {@link #builder()} in code; either way {@link Builder#build()} checks every
 * value against the rules of the registry and names the option to change.
 */
public final class AuthSettings {

    public static final String ENABLED = GatewayOptions.AUTH_ENABLED.name();
    public static final String REALM = GatewayOptions.AUTH_REALM.name();
    public static final String JWT_ISSUER = GatewayOptions.AUTH_JWT_ISSUER.name();
    public static final String JWT_AUDIENCE = GatewayOptions.AUTH_JWT_AUDIENCE.name();
    public static final String JWT_CLOCK_SKEW = GatewayOptions.AUTH_JWT_CLOCK_SKEW.name();
    public static final String JWT_REQUIRE_EXP = GatewayOptions.AUTH_JWT_REQUIRE_EXP.name();
    public static final String JWT_ALGORITHMS = GatewayOptions.AUTH_JWT_ALGORITHMS.name();
    public static final String JWT_HMAC_SECRET = GatewayOptions.AUTH_JWT_HMAC_SECRET.name();
    public static final String JWT_PUBLIC_KEYS = GatewayOptions.AUTH_JWT_PUBLIC_KEYS.name();
    public static final String JWT_JWKS_FILE = GatewayOptions.AUTH_JWT_JWKS_FILE.name();
    public static final String JWT_JWKS_URL = GatewayOptions.AUTH_JWT_JWKS_URL.name();
    public static final String JWT_JWKS_MAX_AGE = GatewayOptions.AUTH_JWT_JWKS_MAX_AGE.name();
    public static final String JWT_JWKS_REFETCH_INTERVAL = GatewayOptions.AUTH_JWT_JWKS_REFETCH_INTERVAL.name();
    public static final String JWT_JWKS_TIMEOUT = GatewayOptions.AUTH_JWT_JWKS_TIMEOUT.name();
    public static final String JWT_CACHE_SIZE = GatewayOptions.AUTH_JWT_CACHE_SIZE.name();
    public static final String JWT_CACHE_TTL = GatewayOptions.AUTH_JWT_CACHE_TTL.name();
    public static final String TOKEN_COOKIE = GatewayOptions.AUTH_TOKEN_COOKIE.name();
    public static final String TOKEN_COOKIE_WRITES = GatewayOptions.AUTH_TOKEN_COOKIE_WRITES.name();
    public static final String TOKEN_QUERY = GatewayOptions.AUTH_TOKEN_QUERY.name();
    public static final String GRANTS_CLAIM = GatewayOptions.AUTH_GRANTS_CLAIM.name();
    public static final String PUBLIC_PATHS = GatewayOptions.AUTH_PUBLIC_PATHS.name();

    public static final String DEFAULT_REALM = GatewayOptions.AUTH_REALM.defaultValue();
    public static final Duration DEFAULT_CLOCK_SKEW = GatewayOptions.AUTH_JWT_CLOCK_SKEW.defaultValue();
    public static final Duration DEFAULT_JWKS_MAX_AGE = GatewayOptions.AUTH_JWT_JWKS_MAX_AGE.defaultValue();
    public static final Duration DEFAULT_JWKS_REFETCH_INTERVAL = GatewayOptions.AUTH_JWT_JWKS_REFETCH_INTERVAL.defaultValue();
    public static final Duration DEFAULT_JWKS_TIMEOUT = GatewayOptions.AUTH_JWT_JWKS_TIMEOUT.defaultValue();
    public static final int DEFAULT_CACHE_SIZE = GatewayOptions.AUTH_JWT_CACHE_SIZE.defaultValue();
    public static final Duration DEFAULT_CACHE_TTL = GatewayOptions.AUTH_JWT_CACHE_TTL.defaultValue();
    public static final String DEFAULT_TOKEN_COOKIE = GatewayOptions.AUTH_TOKEN_COOKIE.defaultValue();
    /** The query parameter carrying a token when {@link #TOKEN_QUERY} is on. */
    public static final String QUERY_PARAMETER = "token";
    /** Prefix of an {@link #JWT_HMAC_SECRET} value given in base64 rather than as text. */
    public static final String BASE64_PREFIX = "base64:";

    /** Every option this class reads, in documentation order. */
    public static final List<String> KEYS = GatewayOptions.inGroup(OptionGroup.AUTH).stream()
            .map(GatewayOption::name).collect(Collectors.toUnmodifiableList());

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
     * @param values raw option values by kebab-case key, as if given on the command line
     * @return the settings
     * @throws ConfigException naming the option whose value is invalid
     */
    public static AuthSettings from(Map<String, String> values) {
        return from(ConfigValues.ofCommandLine(values));
    }

    /**
     * Reads the {@code auth-*} options declared in {@link GatewayOptions} from the gateway's merged
     * configuration (command line, {@code DSK_*} environment, config file).
     *
     * @param config the merged configuration
     * @return the settings
     * @throws ConfigException naming the option, where its value came from and what is accepted
     */
    public static AuthSettings from(ConfigValues config) {
        Builder builder = builder()
                .enabled(config.get(GatewayOptions.AUTH_ENABLED))
                .realm(config.get(GatewayOptions.AUTH_REALM))
                .issuer(config.get(GatewayOptions.AUTH_JWT_ISSUER))
                .audiences(config.get(GatewayOptions.AUTH_JWT_AUDIENCE))
                .clockSkew(config.get(GatewayOptions.AUTH_JWT_CLOCK_SKEW))
                .requireExpiry(config.get(GatewayOptions.AUTH_JWT_REQUIRE_EXP))
                .jwksFile(config.get(GatewayOptions.AUTH_JWT_JWKS_FILE))
                .jwksMaxAge(config.get(GatewayOptions.AUTH_JWT_JWKS_MAX_AGE))
                .jwksRefetchInterval(config.get(GatewayOptions.AUTH_JWT_JWKS_REFETCH_INTERVAL))
                .jwksTimeout(config.get(GatewayOptions.AUTH_JWT_JWKS_TIMEOUT))
                .cacheSize(config.get(GatewayOptions.AUTH_JWT_CACHE_SIZE))
                .cacheTtl(config.get(GatewayOptions.AUTH_JWT_CACHE_TTL))
                .tokenCookie(config.get(GatewayOptions.AUTH_TOKEN_COOKIE))
                .tokenCookieWrites(config.get(GatewayOptions.AUTH_TOKEN_COOKIE_WRITES))
                .tokenQuery(config.get(GatewayOptions.AUTH_TOKEN_QUERY))
                .grantsClaim(config.get(GatewayOptions.AUTH_GRANTS_CLAIM))
                .publicPaths(config.get(GatewayOptions.AUTH_PUBLIC_PATHS));
        config.find(GatewayOptions.AUTH_JWT_JWKS_URL).ifPresent(url -> builder.jwksUrl(URI.create(url)));
        for (Action action : Action.values()) {
            builder.grant(action, config.get(grantOption(action, false)));
            builder.anonymousGrant(action, config.get(grantOption(action, true)));
        }
        try {
            config.find(GatewayOptions.AUTH_JWT_HMAC_SECRET).ifPresent(secret -> builder.hmacSecret(decodeSecret(secret)));
            List<String> algorithms = config.get(GatewayOptions.AUTH_JWT_ALGORITHMS);
            if (!algorithms.isEmpty()) {
                builder.algorithms(parseAlgorithms(algorithms));
            }
            for (String item : config.get(GatewayOptions.AUTH_JWT_PUBLIC_KEYS)) {
                builder.publicKey(PublicKeyFile.parse(item));
            }
            return builder.build();
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw config.sourced(e);
        }
    }

    /** The option holding the grants of one action, for tokens or for anonymous requests. */
    static GatewayOption<List<String>> grantOption(Action action, boolean anonymous) {
        switch (action) {
            case READ:
                return anonymous ? GatewayOptions.AUTH_ANONYMOUS_GRANTS_READ : GatewayOptions.AUTH_GRANTS_READ;
            case WRITE:
                return anonymous ? GatewayOptions.AUTH_ANONYMOUS_GRANTS_WRITE : GatewayOptions.AUTH_GRANTS_WRITE;
            default:
                return anonymous ? GatewayOptions.AUTH_ANONYMOUS_GRANTS_ADMIN : GatewayOptions.AUTH_GRANTS_ADMIN;
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

    /** Whether auth is on ({@link #ENABLED}, default false). */
    public boolean enabled() {
        return b.enabled;
    }

    /** The realm of {@code WWW-Authenticate} challenges ({@link #REALM}, default {@link #DEFAULT_REALM}). */
    public String realm() {
        return b.realm;
    }

    /** The required {@code iss} ({@link #JWT_ISSUER}); empty means any issuer. */
    public Optional<String> issuer() {
        return Optional.ofNullable(b.issuer);
    }

    /** Accepted audiences ({@link #JWT_AUDIENCE}); a token must name one of them. Empty means any. */
    public Set<String> audiences() {
        return Set.copyOf(b.audiences);
    }

    /** Tolerance on {@code exp} and {@code nbf} ({@link #JWT_CLOCK_SKEW}, default 30s). */
    public Duration clockSkew() {
        return b.clockSkew;
    }

    /** Whether tokens without {@code exp} are refused ({@link #JWT_REQUIRE_EXP}, default true). */
    public boolean requireExpiry() {
        return b.requireExpiry;
    }

    /** Signature algorithms accepted at all ({@link #JWT_ALGORITHMS}); each key narrows further to its type. */
    public Set<JWSAlgorithm> algorithms() {
        return Set.copyOf(b.algorithms);
    }

    /** The shared HMAC secret ({@link #JWT_HMAC_SECRET}), a copy. */
    public Optional<byte[]> hmacSecret() {
        return Optional.ofNullable(b.hmacSecret).map(byte[]::clone);
    }

    /** PEM public keys or certificates ({@link #JWT_PUBLIC_KEYS}). */
    public List<PublicKeyFile> publicKeys() {
        return List.copyOf(b.publicKeys);
    }

    /** A static JWK set file ({@link #JWT_JWKS_FILE}). */
    public Optional<Path> jwksFile() {
        return Optional.ofNullable(b.jwksFile);
    }

    /** A JWKS URL fetched and cached ({@link #JWT_JWKS_URL}). */
    public Optional<URI> jwksUrl() {
        return Optional.ofNullable(b.jwksUrl);
    }

    /** Longest time a fetched key set is used before a refetch ({@link #JWT_JWKS_MAX_AGE}, default 15m). */
    public Duration jwksMaxAge() {
        return b.jwksMaxAge;
    }

    /** Shortest time between two JWKS fetches ({@link #JWT_JWKS_REFETCH_INTERVAL}, default 30s). */
    public Duration jwksRefetchInterval() {
        return b.jwksRefetchInterval;
    }

    /** Timeout of one JWKS fetch ({@link #JWT_JWKS_TIMEOUT}, default 5s). */
    public Duration jwksTimeout() {
        return b.jwksTimeout;
    }

    /** Most recently accepted tokens kept to skip repeated signature checks ({@link #JWT_CACHE_SIZE}, default 10000; 0 = off). */
    public int cacheSize() {
        return b.cacheSize;
    }

    /** Longest time an accepted token is served from that cache ({@link #JWT_CACHE_TTL}, default 60s). */
    public Duration cacheTtl() {
        return b.cacheTtl;
    }

    /** Cookie carrying a token ({@link #TOKEN_COOKIE}, default {@link #DEFAULT_TOKEN_COOKIE}); empty when off. */
    public Optional<String> tokenCookie() {
        return b.tokenCookie.isEmpty() ? Optional.empty() : Optional.of(b.tokenCookie);
    }

    /** Whether a cookie token may also authorise writes and admin ({@link #TOKEN_COOKIE_WRITES}, default false). */
    public boolean tokenCookieWrites() {
        return b.tokenCookieWrites;
    }

    /** Whether {@code ?token=} is accepted on reads ({@link #TOKEN_QUERY}, default false). */
    public boolean tokenQuery() {
        return b.tokenQuery;
    }

    /** Claim holding extra grants ({@link #GRANTS_CLAIM}); empty when tokens carry none. */
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
        private boolean algorithmsChosen;
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
            this.algorithmsChosen = true;
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
            require(realm != null, REALM + " must be set");
            GatewayOptions.AUTH_REALM.check(realm.strip());
            requireSet(clockSkew, JWT_CLOCK_SKEW);
            requireSet(jwksMaxAge, JWT_JWKS_MAX_AGE);
            requireSet(jwksRefetchInterval, JWT_JWKS_REFETCH_INTERVAL);
            requireSet(jwksTimeout, JWT_JWKS_TIMEOUT);
            requireSet(cacheTtl, JWT_CACHE_TTL);
            GatewayOptions.AUTH_JWT_CLOCK_SKEW.check(clockSkew);
            GatewayOptions.AUTH_JWT_JWKS_MAX_AGE.check(jwksMaxAge);
            GatewayOptions.AUTH_JWT_JWKS_REFETCH_INTERVAL.check(jwksRefetchInterval);
            GatewayOptions.AUTH_JWT_JWKS_TIMEOUT.check(jwksTimeout);
            GatewayOptions.AUTH_JWT_CACHE_TTL.check(cacheTtl);
            GatewayOptions.AUTH_JWT_CACHE_SIZE.check(cacheSize);
            if (jwksUrl != null) {
                GatewayOptions.AUTH_JWT_JWKS_URL.check(jwksUrl.toString());
            }
            require(!algorithms.isEmpty(), JWT_ALGORITHMS + " must name at least one algorithm");
            require(VerificationKeys.ALL.containsAll(algorithms), JWT_ALGORITHMS + " may only name " + VerificationKeys.ALL);
            require(hmacSecret == null || hmacSecret.length >= VerificationKeys.MIN_HMAC_BYTES,
                    JWT_HMAC_SECRET + " must be at least " + VerificationKeys.MIN_HMAC_BYTES + " bytes (256 bits); "
                    + PlaceholderSecrets.HOW_TO_GENERATE);
            requireUsableHmacSecret();
            GatewayOptions.AUTH_TOKEN_COOKIE.check(tokenCookie);
            Grants parsedGrants = Grants.parse(joined(grants), a -> grantOption(a, false).name());
            Grants parsedAnonymous = Grants.parse(joined(anonymousGrants), a -> grantOption(a, true).name());
            List<StreamPathPattern> parsedPublic = parsePublicPaths();
            AuthSettings settings = new AuthSettings(copy(), parsedGrants, parsedAnonymous, parsedPublic);
            require(!enabled || settings.hasKeys() || !parsedAnonymous.isEmpty(), ENABLED
                    + "=true denies everything without a key: set " + JWT_HMAC_SECRET + ", " + JWT_PUBLIC_KEYS
                    + ", " + JWT_JWKS_FILE + " or " + JWT_JWKS_URL + " (or grant anonymous access)");
            return settings;
        }

        /** Refuses a guessable secret, and one too short for an HMAC algorithm named in {@link #JWT_ALGORITHMS}. */
        private void requireUsableHmacSecret() {
            if (hmacSecret == null) {
                return;
            }
            PlaceholderSecrets.weakness(hmacSecret).ifPresent(weakness -> {
                throw new IllegalArgumentException(JWT_HMAC_SECRET + " " + weakness + ": anyone could sign tokens; "
                        + PlaceholderSecrets.HOW_TO_GENERATE);
            });
            if (!algorithmsChosen) {
                return;
            }
            for (JWSAlgorithm algorithm : List.of(JWSAlgorithm.HS384, JWSAlgorithm.HS512)) {
                int needed = VerificationKeys.hmacBytesNeeded(algorithm);
                require(!algorithms.contains(algorithm) || hmacSecret.length >= needed, JWT_HMAC_SECRET
                        + " must be at least " + needed + " bytes for " + algorithm + " (named in " + JWT_ALGORITHMS
                        + "), was " + hmacSecret.length + "; " + PlaceholderSecrets.HOW_TO_GENERATE);
            }
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
            c.algorithmsChosen = algorithmsChosen;
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

        private static void requireSet(Duration value, String key) {
            require(value != null, key + " must be set");
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
