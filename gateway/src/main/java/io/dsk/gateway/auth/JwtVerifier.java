package io.dsk.gateway.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Checks a bearer JWT: signature with a key pinned to the token's algorithm, then {@code exp},
 * {@code nbf} (both with a clock skew), {@code iss} and {@code aud}.
 *
 * <p>Keys embedded in or referenced by the token ({@code jwk}, {@code jku}, {@code x5u},
 * {@code x5c}) are never used; only configured keys verify. The answer is immediate unless the
 * token names a key no configured source holds and a JWKS URL may have it, in which case the
 * stage completes after one (rate-limited) refetch.
 */
final class JwtVerifier {

    /** Longest token accepted; real tokens are far shorter, and parsing cost grows with length. */
    static final int MAX_TOKEN_LENGTH = 16 * 1024;
    private static final int MAX_KEYS_TRIED = 8;

    private final List<VerificationKey> staticKeys;
    private final RemoteJwkSet remote;
    private final Set<JWSAlgorithm> algorithms;
    private final String issuer;
    private final Set<String> audiences;
    private final Duration clockSkew;
    private final boolean requireExpiry;
    private final Clock clock;
    private final VerifiedTokenCache cache;
    private final Duration cacheTtl;

    /**
     * @param staticKeys keys from configuration (HMAC secret, PEM files, JWK set file)
     * @param remote keys from a JWKS URL, or null
     * @param rules accepted algorithms, issuer, audiences, clock skew, whether {@code exp} is required,
     *     and the time to live of cached tokens
     * @param clock the time tokens are checked against
     * @param cache recently accepted tokens, or null to check every token in full
     */
    JwtVerifier(List<VerificationKey> staticKeys, RemoteJwkSet remote, AuthSettings rules, Clock clock,
            VerifiedTokenCache cache) {
        this.staticKeys = List.copyOf(staticKeys);
        this.remote = remote;
        this.algorithms = rules.algorithms();
        this.issuer = rules.issuer().orElse(null);
        this.audiences = rules.audiences();
        this.clockSkew = rules.clockSkew();
        this.requireExpiry = rules.requireExpiry();
        this.cacheTtl = rules.cacheTtl();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cache = cache;
    }

    /**
     * Checks a token.
     *
     * @param token the compact JWS, as sent
     * @return the outcome; already complete unless a JWKS refetch is needed
     */
    CompletionStage<TokenCheck> check(String token) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            return done(TokenCheck.rejected(TokenRejection.TOO_LONG));
        }
        if (cache == null) {
            return checkInFull(token);
        }
        String key = VerifiedTokenCache.keyOf(token);
        VerifiedToken cached = cache.get(key, clock.instant());
        if (cached != null) {
            return done(TokenCheck.accepted(cached));
        }
        return checkInFull(token).thenApply(check -> {
            if (check.isAccepted()) {
                cache.put(key, check.token(), check.token().expiry(), clock.instant().plus(cacheTtl));
            }
            return check;
        });
    }

    private CompletionStage<TokenCheck> checkInFull(String token) {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException | RuntimeException e) {
            return done(TokenCheck.rejected(TokenRejection.MALFORMED));
        }
        JWSHeader header = jwt.getHeader();
        if (!algorithms.contains(header.getAlgorithm())) {
            return done(TokenCheck.rejected(TokenRejection.UNSUPPORTED_ALGORITHM));
        }
        List<VerificationKey> candidates = candidates(header);
        if (candidates.isEmpty() && remote != null) {
            return remote.refreshForUnknownKey().thenApply(ignored -> checkWith(jwt, candidates(header)));
        }
        return done(checkWith(jwt, candidates));
    }

    private List<VerificationKey> candidates(JWSHeader header) {
        List<VerificationKey> all = new ArrayList<>(staticKeys);
        if (remote != null) {
            all.addAll(remote.keys());
        }
        List<VerificationKey> fit = new ArrayList<>();
        for (VerificationKey key : all) {
            if (key.accepts(header.getAlgorithm(), header.getKeyID()) && fit.size() < MAX_KEYS_TRIED) {
                fit.add(key);
            }
        }
        return fit;
    }

    private TokenCheck checkWith(SignedJWT jwt, List<VerificationKey> candidates) {
        if (candidates.isEmpty()) {
            return TokenCheck.rejected(TokenRejection.UNKNOWN_KEY);
        }
        for (VerificationKey key : candidates) {
            if (key.verifies(jwt)) {
                return checkClaims(jwt);
            }
        }
        return TokenCheck.rejected(TokenRejection.BAD_SIGNATURE);
    }

    private TokenCheck checkClaims(SignedJWT jwt) {
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return TokenCheck.rejected(TokenRejection.MALFORMED);
        }
        Instant now = clock.instant();
        Date expiry = claims.getExpirationTime();
        if (expiry == null && requireExpiry) {
            return TokenCheck.rejected(TokenRejection.MISSING_EXPIRY);
        }
        if (expiry != null && now.isAfter(expiry.toInstant().plus(clockSkew))) {
            return TokenCheck.rejected(TokenRejection.EXPIRED);
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && now.plus(clockSkew).isBefore(notBefore.toInstant())) {
            return TokenCheck.rejected(TokenRejection.NOT_YET_VALID);
        }
        if (issuer != null && !issuer.equals(claims.getIssuer())) {
            return TokenCheck.rejected(TokenRejection.WRONG_ISSUER);
        }
        if (!audiences.isEmpty() && Collections.disjoint(audiences, claims.getAudience())) {
            return TokenCheck.rejected(TokenRejection.WRONG_AUDIENCE);
        }
        return TokenCheck.accepted(new VerifiedToken(claims));
    }

    private static CompletionStage<TokenCheck> done(TokenCheck check) {
        return CompletableFuture.completedFuture(check);
    }
}
