package io.dsk.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class VerifiedTokenCacheTest {

    private final AtomicInteger signatureChecks = new AtomicInteger();
    private final MovableClock clock = new MovableClock(TestTokens.NOW);
    private final VerifiedTokenCache cache = new VerifiedTokenCache(100);
    private final JwtVerifier verifier = new JwtVerifier(List.of(countingHmacKey()), null, AuthSettings.builder()
            .issuer(TestTokens.ISSUER).audiences(List.of(TestTokens.AUDIENCE)).cacheTtl(Duration.ofSeconds(60)).build(),
            clock, cache);

    private VerificationKey countingHmacKey() {
        try {
            MACVerifier mac = new MACVerifier(TestKeys.HMAC_SECRET);
            JWSVerifier counting = new JWSVerifier() {
                @Override
                public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature)
                        throws com.nimbusds.jose.JOSEException {
                    signatureChecks.incrementAndGet();
                    return mac.verify(header, signingInput, signature);
                }

                @Override
                public Set<JWSAlgorithm> supportedJWSAlgorithms() {
                    return mac.supportedJWSAlgorithms();
                }

                @Override
                public JCAContext getJCAContext() {
                    return mac.getJCAContext();
                }
            };
            return new VerificationKey(null, VerificationKeys.HMAC, counting, "counting HMAC");
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean accepted(String token) {
        return verifier.check(token).toCompletableFuture().join().isAccepted();
    }

    @Test
    void aRepeatedTokenIsCheckedOnceWithinTheTimeToLive() {
        String token = TestTokens.hs256(TestTokens.claims("alice").build());

        assertThat(accepted(token)).isTrue();
        assertThat(accepted(token)).isTrue();
        clock.advance(Duration.ofSeconds(59));
        assertThat(accepted(token)).isTrue();
        assertThat(signatureChecks).hasValue(1);

        clock.advance(Duration.ofSeconds(2));
        assertThat(accepted(token)).isTrue();
        assertThat(signatureChecks).hasValue(2);
    }

    @Test
    void aCachedTokenStillExpiresOnTime() {
        JWTClaimsSet shortLived = TestTokens.claims("alice").expirationTime(Date.from(TestTokens.NOW.plusSeconds(10)))
                .build();
        String token = TestTokens.hs256(shortLived);
        assertThat(accepted(token)).isTrue();

        clock.advance(Duration.ofSeconds(45));
        assertThat(accepted(token)).as("past exp plus the 30s skew").isFalse();
    }

    @Test
    void refusedTokensAreNeverCachedAndATamperedCopyIsACacheMiss() {
        String token = TestTokens.hs256(TestTokens.claims("alice").build());
        String tampered = TestTokens.withPayload(token, TestTokens.claims("root").build());
        assertThat(accepted(token)).isTrue();

        assertThat(accepted(tampered)).isFalse();
        assertThat(accepted(tampered)).isFalse();
        assertThat(signatureChecks).hasValue(3);
    }

    @Test
    void theCacheKeepsDigestsAndIsBounded() {
        for (int i = 0; i < 1_000; i++) {
            accepted(TestTokens.hs256(TestTokens.claims("user" + i).build()));
        }

        assertThat(cache.size()).isLessThanOrEqualTo(112);
        assertThat(VerifiedTokenCache.keyOf("a.b.c")).hasSize(64).matches("[0-9a-f]+");
    }

    /** A clock tests move by hand. */
    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
