package io.dsk.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickstartTokensTest {

    private static final byte[] SECRET = new byte[DataDirectory.SECRET_BYTES];
    private static final Instant SINCE = Instant.parse("2026-12-01T10:00:00Z");

    static {
        for (int i = 0; i < SECRET.length; i++) {
            SECRET[i] = (byte) (i * 7 + 3);
        }
    }

    @TempDir
    Path dir;

    @Test
    void connectorTokenIsTheSameOnEveryStartAndGrantsWritesToTheSampleStreams() throws Exception {
        QuickstartTokens tokens = new QuickstartTokens(SECRET, "dsk");
        String token = tokens.connectorToken(SINCE);
        assertThat(new QuickstartTokens(SECRET, "dsk").connectorToken(SINCE)).isEqualTo(token);

        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.verify(new MACVerifier(SECRET))).isTrue();
        Map<String, Object> grants = jwt.getJWTClaimsSet().getJSONObjectClaim("dsk");
        assertThat(grants).containsEntry("write", List.of("chat/**", "db/**", "jobs/**"))
                .containsEntry("admin", List.of("__ds/source-offsets"))
                .doesNotContainKey("read");
        assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant())
                .isEqualTo(SINCE.plus(QuickstartTokens.CONNECTOR_TOKEN_LIFETIME));
    }

    @Test
    void readTokenReadsEveryStreamAndTheListForSevenDaysInTheConfiguredClaim() throws Exception {
        Instant now = Instant.parse("2026-12-04T12:00:00Z");
        SignedJWT jwt = SignedJWT.parse(new QuickstartTokens(SECRET, "grants").readToken(now));
        assertThat(jwt.verify(new MACVerifier(SECRET))).isTrue();
        Map<String, Object> grants = jwt.getJWTClaimsSet().getJSONObjectClaim("grants");
        assertThat(grants).containsEntry("read", List.of("**")).containsEntry("admin", List.of("__ds/streams"))
                .doesNotContainKey("write");
        assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(now.plus(Duration.ofDays(7)));
    }

    @Test
    void withAuthOnTheGeneratedSecretAndTheDefaultGrantsClaimAreAddedToTheGatewayOptions() throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("auth-enabled", "true"));
        try (DataDirectory data = DataDirectory.lock(dir)) {
            assertThat(QuickstartMain.tokensFor(options, data)).isNotNull();
            assertThat(options).containsEntry("auth-jwt-hmac-secret",
                    "base64:" + Base64.getEncoder().encodeToString(data.hmacSecret()))
                    .containsEntry("auth-grants-claim", "dsk");
        }
    }

    @Test
    void theUsersOwnSecretAndClaimAreKept() throws Exception {
        String secret = "base64:" + Base64.getEncoder().encodeToString(SECRET);
        Map<String, String> options = new LinkedHashMap<>(Map.of(
                "auth-enabled", "true", "auth-jwt-hmac-secret", secret, "auth-grants-claim", "perms"));
        try (DataDirectory data = DataDirectory.lock(dir)) {
            QuickstartTokens tokens = QuickstartMain.tokensFor(options, data);
            SignedJWT jwt = SignedJWT.parse(tokens.readToken(Instant.now()));
            assertThat(jwt.verify(new MACVerifier(SECRET))).isTrue();
            assertThat(jwt.getJWTClaimsSet().getClaim("perms")).isNotNull();
        }
        assertThat(options).containsEntry("auth-jwt-hmac-secret", secret).containsEntry("auth-grants-claim", "perms");
        assertThat(dir.resolve("auth-hmac-secret")).doesNotExist();
    }

    @Test
    void withAuthOffNoTokenIsMintedAndNoSecretGenerated() throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("rate-limit-ip-rps", "5"));
        try (DataDirectory data = DataDirectory.lock(dir)) {
            assertThat(QuickstartMain.tokensFor(options, data)).isNull();
        }
        assertThat(options).containsOnlyKeys("rate-limit-ip-rps");
        assertThat(dir.resolve("auth-hmac-secret")).doesNotExist();
    }
}
