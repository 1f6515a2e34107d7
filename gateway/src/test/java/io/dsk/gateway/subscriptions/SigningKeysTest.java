package io.dsk.gateway.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SigningKeysTest {

    private static final long NOW = 1_800_000_000_000L;
    private static final byte[] BODY = "{\"subscription_id\":\"s\"}".getBytes(StandardCharsets.UTF_8);

    private final SigningKeys keys = SigningKeys.of(List.of()).rotate(NOW);

    @Test
    void aSignatureVerifiesWithThePublishedKeyNamedByItsKid() {
        String header = keys.sign(BODY, NOW);
        assertThat(header).matches("t=\\d+,kid=ds_[A-Za-z0-9_-]+,ed25519=[A-Za-z0-9_-]+");
        assertThat(SigningKeys.verify(header, BODY, keys.jwks(NOW), NOW)).isTrue();
    }

    @Test
    void aChangedBodyATimestampOutsideTheReplayWindowOrAnotherKeyFailVerification() {
        String header = keys.sign(BODY, NOW);
        assertThat(SigningKeys.verify(header, "{}".getBytes(StandardCharsets.UTF_8), keys.jwks(NOW), NOW)).isFalse();
        assertThat(SigningKeys.verify(header, BODY, keys.jwks(NOW), NOW + SigningKeys.REPLAY_WINDOW_MS + 1000)).isFalse();
        SigningKeys other = SigningKeys.of(List.of()).rotate(NOW);
        assertThat(SigningKeys.verify(header, BODY, other.jwks(NOW), NOW)).isFalse();
        assertThat(SigningKeys.verify("t=1,kid=x", BODY, keys.jwks(NOW), NOW)).isFalse();
    }

    @Test
    void theJwksHoldsOnlyPublicKeyMaterial() {
        JsonNode jwk = keys.jwks(NOW).path("keys").get(0);
        assertThat(jwk.path("kty").asText()).isEqualTo("OKP");
        assertThat(jwk.path("crv").asText()).isEqualTo("Ed25519");
        assertThat(jwk.path("alg").asText()).isEqualTo("EdDSA");
        assertThat(jwk.path("use").asText()).isEqualTo("sig");
        assertThat(jwk.path("kid").asText()).isEqualTo(keys.active().kid()).isEqualTo(SigningKeys.kid(keys.active().x()));
        assertThat(jwk.has("d")).isFalse();
        assertThat(jwk.size()).isEqualTo(6);
    }

    @Test
    void afterRotationTheOldKeyStaysPublishedForTheReplayWindowThenGoes() {
        String oldHeader = keys.sign(BODY, NOW);
        SigningKeys rotated = keys.rotate(NOW + 1000);
        assertThat(rotated.active().kid()).isNotEqualTo(keys.active().kid());
        assertThat(rotated.sign(BODY, NOW + 1000)).contains("kid=" + rotated.active().kid());
        assertThat(SigningKeys.verify(oldHeader, BODY, rotated.jwks(NOW + 2000), NOW + 2000)).isTrue();
        assertThat(rotated.jwks(NOW + 2000).path("keys")).hasSize(2);

        long later = NOW + 1000 + SigningKeys.PUBLISHED_AFTER_RETIREMENT_MS;
        assertThat(rotated.jwks(later).path("keys")).hasSize(1);
        assertThat(rotated.pruned(later).keys()).extracting(SigningKeys.Key::kid).containsExactly(rotated.active().kid());
    }

    @Test
    void rotationIsDueWhenTheActiveKeyReachesItsAge() {
        assertThat(SigningKeys.of(List.of()).dueForRotation(NOW, 1000)).isTrue();
        assertThat(keys.dueForRotation(NOW + 999, 1000)).isFalse();
        assertThat(keys.dueForRotation(NOW + 1000, 1000)).isTrue();
    }

    @Test
    void theStoredFormKeepsThePrivateKeySoSignaturesSurviveARestart() {
        SigningKeys.Key restored = SigningKeys.decode(SigningKeys.encode(keys.active()));
        SigningKeys reloaded = SigningKeys.of(List.of(restored));
        assertThat(reloaded.active().kid()).isEqualTo(keys.active().kid());
        assertThat(SigningKeys.verify(reloaded.sign(BODY, NOW), BODY, keys.jwks(NOW), NOW)).isTrue();
    }
}
