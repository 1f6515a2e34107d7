package io.dsk.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import io.undertow.server.HttpHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key material from files, as {@link AuthHandlers} loads it: PEM public keys and a static JWK set. */
class KeyFilesTest {

    @TempDir
    Path dir;

    private JwtVerifier verifier(AuthSettings.Builder builder) throws IOException {
        return AuthHandlers.verifier(builder.enabled(true).build(), Clock.fixed(TestTokens.NOW, ZoneOffset.UTC),
                System::nanoTime);
    }

    private static boolean accepted(JwtVerifier verifier, String token) {
        return verifier.check(token).toCompletableFuture().join().isAccepted();
    }

    @Test
    void pemPublicKeysOfEveryTypeVerifyTheirTokens() throws IOException {
        JwtVerifier verifier = verifier(AuthSettings.builder()
                .publicKey(new AuthSettings.PublicKeyFile("rsa", TestKeys.writePublicKey(dir, "rsa.pem", TestKeys.RSA)))
                .publicKey(new AuthSettings.PublicKeyFile(null, TestKeys.writePublicKey(dir, "ec.pem", TestKeys.EC_P384)))
                .publicKey(new AuthSettings.PublicKeyFile("ed", TestKeys.writePublicKey(dir, "ed.pem", TestKeys.ED25519))));
        JWTClaimsSet c = TestTokens.claims("alice").build();

        assertThat(accepted(verifier, TestTokens.rsa(JWSAlgorithm.PS384, "rsa", TestKeys.RSA.getPrivate(), c))).isTrue();
        assertThat(accepted(verifier, TestTokens.ec(JWSAlgorithm.ES384, "any", TestKeys.EC_P384.getPrivate(), c))).isTrue();
        assertThat(accepted(verifier, TestTokens.ed25519(JWSAlgorithm.EdDSA, "ed", TestKeys.ED25519.getPrivate(), c)))
                .isTrue();
        assertThat(accepted(verifier, TestTokens.ec(JWSAlgorithm.ES256, null, TestKeys.EC_P256.getPrivate(), c)))
                .as("a P-256 token against a P-384 key").isFalse();
        assertThat(accepted(verifier, TestTokens.rsa(JWSAlgorithm.RS256, "other", TestKeys.RSA.getPrivate(), c)))
                .as("a kid the key does not carry").isFalse();
    }

    @Test
    void aStaticJwkSetVerifiesEachKeyOnlyWithItsPinnedAlgorithm() throws Exception {
        JWKSet set = new JWKSet(List.of(
                new RSAKey.Builder((RSAPublicKey) TestKeys.RSA.getPublic()).keyID("rsa-ps")
                        .algorithm(JWSAlgorithm.PS256).keyUse(KeyUse.SIGNATURE).build(),
                new ECKey.Builder(Curve.P_256, (ECPublicKey) TestKeys.EC_P256.getPublic()).keyID("ec").build(),
                new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(rawEd25519())).keyID("ed").build(),
                new OctetSequenceKey.Builder(TestKeys.HMAC_SECRET).keyID("hs").build(),
                new RSAKey.Builder((RSAPublicKey) TestKeys.RSA_OTHER.getPublic()).keyID("enc")
                        .keyUse(KeyUse.ENCRYPTION).build()));
        Path file = Files.writeString(dir.resolve("jwks.json"), set.toString(false));
        JwtVerifier verifier = verifier(AuthSettings.builder().jwksFile(file));
        JWTClaimsSet c = TestTokens.claims("alice").build();

        assertThat(accepted(verifier, TestTokens.rsa(JWSAlgorithm.PS256, "rsa-ps", TestKeys.RSA.getPrivate(), c))).isTrue();
        assertThat(accepted(verifier, TestTokens.rsa(JWSAlgorithm.RS256, "rsa-ps", TestKeys.RSA.getPrivate(), c)))
                .as("alg pinned to PS256").isFalse();
        assertThat(accepted(verifier, TestTokens.ec(JWSAlgorithm.ES256, "ec", TestKeys.EC_P256.getPrivate(), c))).isTrue();
        assertThat(accepted(verifier, TestTokens.ed25519(JWSAlgorithm.Ed25519, "ed", TestKeys.ED25519.getPrivate(), c)))
                .isTrue();
        assertThat(accepted(verifier, TestTokens.hs256(c))).as("oct keys are allowed in a local file").isTrue();
        assertThat(accepted(verifier, TestTokens.rsa(JWSAlgorithm.RS256, "enc", TestKeys.RSA_OTHER.getPrivate(), c)))
                .as("use=enc is not a signature key").isFalse();
    }

    /** The last 32 bytes of the X.509 encoding are the raw Ed25519 public key. */
    private static byte[] rawEd25519() {
        byte[] spki = TestKeys.ED25519.getPublic().getEncoded();
        return Arrays.copyOfRange(spki, spki.length - 32, spki.length);
    }

    @Test
    void unusableKeyFilesStopStartUpWithTheOption() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "hello");
        KeyPairGenerator small = KeyPairGenerator.getInstance("RSA");
        small.initialize(1024);
        Path weak = TestKeys.writePublicKey(dir, "weak.pem", small.generateKeyPair());
        Path emptySet = Files.writeString(dir.resolve("empty.json"), "{\"keys\":[]}");

        assertThatThrownBy(() -> verifier(AuthSettings.builder()
                .publicKey(new AuthSettings.PublicKeyFile(null, garbage)))).hasMessageContaining("no PEM block");
        assertThatThrownBy(() -> verifier(AuthSettings.builder()
                .publicKey(new AuthSettings.PublicKeyFile(null, weak))))
                .hasMessageContaining("auth-jwt-public-keys").hasMessageContaining("2048");
        assertThatThrownBy(() -> verifier(AuthSettings.builder().jwksFile(emptySet)))
                .hasMessageContaining("auth-jwt-jwks-file");
        assertThatThrownBy(() -> verifier(AuthSettings.builder().jwksFile(dir.resolve("missing.json"))))
                .isInstanceOf(IOException.class);
    }

    @Test
    void withAuthAndLimitsOffTheHandlerIsReturnedUnchanged() throws IOException {
        HttpHandler next = exchange -> { };

        assertThat(AuthHandlers.wrap(next, AuthSettings.disabled(), RateLimitSettings.disabled())).isSameAs(next);
        assertThat(AuthHandlers.wrap(next, AuthSettings.disabled(), RateLimitSettings.of(1, 1, 0, 0, 10)))
                .isNotSameAs(next);
        assertThat(AuthHandlers.filters(AuthSettings.disabled(), RateLimitSettings.disabled()).apply(next))
                .isSameAs(next);
    }

    @Test
    void filtersReadKeyFilesOnceWhenMadeSoABadFileFailsStartUp() throws IOException {
        Path missing = dir.resolve("missing.pem");
        AuthSettings auth = AuthSettings.builder().enabled(true)
                .publicKey(new AuthSettings.PublicKeyFile(null, missing)).build();

        assertThatThrownBy(() -> AuthHandlers.filters(auth, RateLimitSettings.disabled()))
                .isInstanceOf(IOException.class).hasMessageContaining("missing.pem");
    }
}
