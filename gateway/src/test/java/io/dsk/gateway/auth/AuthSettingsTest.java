package io.dsk.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import io.dsk.gateway.config.ConfigException;
import io.dsk.gateway.config.ConfigValues;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthSettingsTest {

    private static final String SECRET = new String(TestKeys.HMAC_SECRET, StandardCharsets.US_ASCII);

    private static Map<String, String> enabledWith(String... keyValues) {
        Map<String, String> map = new HashMap<>();
        map.put(AuthSettings.ENABLED, "true");
        map.put(AuthSettings.JWT_HMAC_SECRET, SECRET);
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    @Test
    void offByDefaultWithSafeDefaults() {
        AuthSettings settings = AuthSettings.from(Map.of());

        assertThat(settings.enabled()).isFalse();
        assertThat(settings.clockSkew()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.requireExpiry()).isTrue();
        assertThat(settings.tokenCookie()).contains("dsk_token");
        assertThat(settings.tokenCookieWrites()).isFalse();
        assertThat(settings.tokenQuery()).isFalse();
        assertThat(settings.realm()).isEqualTo("dsk");
        assertThat(settings.algorithms()).hasSize(14);
        assertThat(settings.jwksMaxAge()).isEqualTo(Duration.ofMinutes(15));
        assertThat(settings.jwksRefetchInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.cacheSize()).isEqualTo(10_000);
        assertThat(settings.cacheTtl()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void readsEveryOption() {
        AuthSettings settings = AuthSettings.from(enabledWith(
                AuthSettings.REALM, "streams",
                AuthSettings.JWT_ISSUER, "https://id.example",
                AuthSettings.JWT_AUDIENCE, "dsk, dsk-admin",
                AuthSettings.JWT_CLOCK_SKEW, "5s",
                AuthSettings.JWT_REQUIRE_EXP, "false",
                AuthSettings.JWT_ALGORITHMS, "RS256,ES256",
                AuthSettings.JWT_PUBLIC_KEYS, "k1=/keys/a.pem, /keys/b.pem",
                AuthSettings.JWT_JWKS_FILE, "/keys/jwks.json",
                AuthSettings.JWT_JWKS_URL, "https://id.example/.well-known/jwks.json",
                AuthSettings.JWT_JWKS_MAX_AGE, "1h",
                AuthSettings.JWT_JWKS_REFETCH_INTERVAL, "10s",
                AuthSettings.JWT_JWKS_TIMEOUT, "2s",
                AuthSettings.JWT_CACHE_SIZE, "0",
                AuthSettings.JWT_CACHE_TTL, "10s",
                AuthSettings.TOKEN_COOKIE, "session",
                AuthSettings.TOKEN_COOKIE_WRITES, "true",
                AuthSettings.TOKEN_QUERY, "true",
                "auth-grants-read", "users/{sub}/**, public/**",
                "auth-grants-write", "users/{sub}/inbox",
                "auth-grants-admin", "admin/**",
                "auth-anonymous-grants-read", "public/**",
                AuthSettings.GRANTS_CLAIM, "ds",
                AuthSettings.PUBLIC_PATHS, "public/**"));

        assertThat(settings.realm()).isEqualTo("streams");
        assertThat(settings.issuer()).contains("https://id.example");
        assertThat(settings.audiences()).containsExactlyInAnyOrder("dsk", "dsk-admin");
        assertThat(settings.clockSkew()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.requireExpiry()).isFalse();
        assertThat(settings.algorithms()).containsExactlyInAnyOrder(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
        assertThat(settings.publicKeys()).containsExactly(
                new AuthSettings.PublicKeyFile("k1", Path.of("/keys/a.pem")),
                new AuthSettings.PublicKeyFile(null, Path.of("/keys/b.pem")));
        assertThat(settings.jwksFile()).contains(Path.of("/keys/jwks.json"));
        assertThat(settings.jwksUrl()).contains(URI.create("https://id.example/.well-known/jwks.json"));
        assertThat(settings.jwksMaxAge()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.jwksRefetchInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.jwksTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.cacheSize()).isZero();
        assertThat(settings.cacheTtl()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.tokenCookie()).contains("session");
        assertThat(settings.tokenCookieWrites()).isTrue();
        assertThat(settings.tokenQuery()).isTrue();
        assertThat(settings.grants().patterns(Action.READ)).hasToString("[users/{sub}/**, public/**]");
        assertThat(settings.grants().patterns(Action.WRITE)).hasToString("[users/{sub}/inbox]");
        assertThat(settings.grants().patterns(Action.ADMIN)).hasToString("[admin/**]");
        assertThat(settings.anonymousGrants().patterns(Action.READ)).hasToString("[public/**]");
        assertThat(settings.grantsClaim()).contains("ds");
        assertThat(settings.publicPaths()).hasToString("[public/**]");
    }

    @Test
    void anEmptyCookieNameTurnsCookieTokensOff() {
        assertThat(AuthSettings.from(enabledWith(AuthSettings.TOKEN_COOKIE, "")).tokenCookie()).isEmpty();
    }

    @Test
    void theHmacSecretMayBeBase64AndIsNeverPrinted() {
        String encoded = Base64.getEncoder().encodeToString(TestKeys.HMAC_SECRET);
        AuthSettings settings = AuthSettings.from(enabledWith(AuthSettings.JWT_HMAC_SECRET, "base64:" + encoded));

        assertThat(settings.hmacSecret()).get().isEqualTo(TestKeys.HMAC_SECRET);
        assertThat(settings.toString()).doesNotContain(SECRET).doesNotContain(encoded).contains("<redacted>");
    }

    @Test
    void badValuesNameTheOptionToChange() {
        assertThatThrownBy(() -> AuthSettings.from(Map.of(AuthSettings.ENABLED, "true")))
                .hasMessageContaining("auth-jwt-hmac-secret");
        assertThatThrownBy(() -> AuthSettings.from(Map.of(AuthSettings.ENABLED, "maybe")))
                .hasMessageContaining("auth-enabled");
        assertThatThrownBy(() -> AuthSettings.from(enabledWith(AuthSettings.JWT_HMAC_SECRET, "short")))
                .hasMessageContaining("auth-jwt-hmac-secret").hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> AuthSettings.from(enabledWith(AuthSettings.JWT_CLOCK_SKEW, "soon")))
                .hasMessageContaining("auth-jwt-clock-skew");
        assertThatThrownBy(() -> AuthSettings.from(enabledWith(AuthSettings.JWT_CLOCK_SKEW, "1h")))
                .hasMessageContaining("auth-jwt-clock-skew");
        assertThatThrownBy(() -> AuthSettings.from(enabledWith(AuthSettings.JWT_ALGORITHMS, "RS256,none")))
                .hasMessageContaining("auth-jwt-algorithms").hasMessageContaining("none");
        assertThatThrownBy(() -> AuthSettings.from(enabledWith(AuthSettings.JWT_JWKS_URL, "file:///etc/passwd")))
                .hasMessageContaining("auth-jwt-jwks-url");
        assertThatThrownBy(() -> AuthSettings.from(enabledWith("auth-grants-write", "users/*x")))
                .hasMessageContaining("auth-grants-write");
        assertThatThrownBy(() -> AuthSettings.from(enabledWith(AuthSettings.PUBLIC_PATHS, "users/{sub}/**")))
                .hasMessageContaining("auth-public-paths").hasMessageContaining("claim");
        assertThatThrownBy(() -> AuthSettings.from(enabledWith(AuthSettings.TOKEN_COOKIE, "a;b")))
                .hasMessageContaining("auth-token-cookie");
        assertThatThrownBy(() -> AuthSettings.from(enabledWith(AuthSettings.JWT_PUBLIC_KEYS, "=a.pem")))
                .hasMessageContaining("auth-jwt-public-keys");
        assertThatThrownBy(() -> AuthSettings.from(enabledWith(AuthSettings.JWT_CACHE_SIZE, "-1")))
                .hasMessageContaining("auth-jwt-cache-size");
        assertThatThrownBy(() -> AuthSettings.from(enabledWith(AuthSettings.JWT_CACHE_TTL, "2h")))
                .hasMessageContaining("auth-jwt-cache-ttl");
        assertThatThrownBy(() -> AuthSettings.from(enabledWith(AuthSettings.REALM, "a\"b")))
                .hasMessageContaining("auth-realm");
    }

    @Test
    void anonymousOnlyIsAllowedWithoutKeys() {
        AuthSettings settings = AuthSettings.from(Map.of(AuthSettings.ENABLED, "true",
                "auth-anonymous-grants-read", "public/**"));

        assertThat(settings.enabled()).isTrue();
        assertThat(settings.hasKeys()).isFalse();
    }

    @Test
    void readsFromTheMergedConfigurationAndMarksItsKeysKnown() {
        ConfigValues config = ConfigValues.ofCommandLine(Map.of(AuthSettings.ENABLED, "true",
                AuthSettings.JWT_HMAC_SECRET, SECRET, "auth-grants-read", "**",
                RateLimitSettings.IP_RATE, "5"));

        AuthSettings settings = AuthSettings.from(config);
        RateLimitSettings limits = RateLimitSettings.from(config);
        config.rejectUnknown();

        assertThat(settings.enabled()).isTrue();
        assertThat(limits.ipRate()).isEqualTo(5);
    }

    @Test
    void aBadValueInTheMergedConfigurationIsAConfigException() {
        ConfigValues config = ConfigValues.ofCommandLine(Map.of(AuthSettings.ENABLED, "true"));

        assertThatThrownBy(() -> AuthSettings.from(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("auth-jwt-hmac-secret");
    }

    @Test
    void algorithmsAreTheFourteenSupportedOnes() {
        assertThat(VerificationKeys.ALL).containsExactlyInAnyOrderElementsOf(Set.of(
                JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512,
                JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
                JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
                JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512,
                JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "replace-with-a-secret-of-at-least-32-bytes",
        "replace-with-your-own-long-random-secret-value",
        "changeme-changeme-changeme-changeme",
        "secretsecretsecretsecretsecretsecret",
        "0000000000000000000000000000000000000000",
        "base64:3q2+7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="})
    void aWellKnownPlaceholderSecretIsRefusedNamingTheOption(String secret) {
        assertThatThrownBy(() -> AuthSettings.from(enabledWith(AuthSettings.JWT_HMAC_SECRET, secret)))
                .hasMessageContaining("auth-jwt-hmac-secret")
                .hasMessageContaining("openssl rand -base64 48");
    }

    @Test
    void everyHmacSecretWrittenInTheDocsOrExamplesIsRefused() throws Exception {
        List<String> documented = documentedSecrets();

        assertThat(Files.readString(Path.of("../docs/auth.md"), StandardCharsets.UTF_8))
                .as("docs/auth.md shows how to make a secret").contains("openssl rand -base64 48");
        for (String secret : documented) {
            assertThatThrownBy(() -> AuthSettings.from(enabledWith(AuthSettings.JWT_HMAC_SECRET, secret)))
                    .as("documented secret '%s'", secret).hasMessageContaining("auth-jwt-hmac-secret");
        }
    }

    @Test
    void aSecretShorterThanAnAcceptedHmacAlgorithmNeedsIsRefused() {
        String bytes40 = SECRET.substring(0, 40);
        String bytes48 = SECRET.substring(0, 48);

        assertThatThrownBy(() -> AuthSettings.from(enabledWith(AuthSettings.JWT_HMAC_SECRET, bytes40,
                AuthSettings.JWT_ALGORITHMS, "HS384")))
                .hasMessageContaining("auth-jwt-hmac-secret").hasMessageContaining("HS384")
                .hasMessageContaining("48 bytes");
        assertThatThrownBy(() -> AuthSettings.from(enabledWith(AuthSettings.JWT_HMAC_SECRET, bytes48,
                AuthSettings.JWT_ALGORITHMS, "HS256,HS512")))
                .hasMessageContaining("auth-jwt-hmac-secret").hasMessageContaining("HS512")
                .hasMessageContaining("64 bytes");
        assertThat(AuthSettings.from(enabledWith(AuthSettings.JWT_HMAC_SECRET, bytes48,
                AuthSettings.JWT_ALGORITHMS, "HS256,HS384")).hmacSecret()).isPresent();
    }

    /** Values of {@code auth-jwt-hmac-secret} and {@code DSK_AUTH_JWT_HMAC_SECRET} in docs and examples. */
    private static List<String> documentedSecrets() throws Exception {
        Pattern assignment = Pattern.compile("(?:auth-jwt-hmac-secret|DSK_AUTH_JWT_HMAC_SECRET)\\s*[=:]\\s*([^\\s`'\"]+)");
        List<String> secrets = new ArrayList<>();
        for (String root : List.of("../docs", "../config-examples", "../README.md", "../quickstart")) {
            Path start = Path.of(root);
            if (!Files.exists(start)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(start)) {
                for (Path file : files.filter(f -> f.toString().matches(".*\\.(md|properties|json|yml)"))
                        .filter(f -> !f.toString().contains("node_modules") && !f.toString().contains("target"))
                        .toList()) {
                    Matcher m = assignment.matcher(Files.readString(file, StandardCharsets.UTF_8));
                    while (m.find()) {
                        if (!m.group(1).contains("$(") && !m.group(1).startsWith("<")) {
                            secrets.add(m.group(1));
                        }
                    }
                }
            }
        }
        return secrets;
    }
}
