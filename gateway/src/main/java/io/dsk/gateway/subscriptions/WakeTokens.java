package io.dsk.gateway.subscriptions;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.Date;

/**
 * Callback and claim tokens (PROTOCOL.md 7.3, 12.9): HMAC-SHA256 JWTs naming the subscription, the
 * generation and the wake, with an expiry. They are not service JWTs: the auth layer does not accept
 * them and they are only valid on the callback, ack and release paths of their subscription.
 */
public final class WakeTokens {

    /** How long a token is valid; generation fencing makes it stale sooner. */
    static final long LIFETIME_MS = 3_600_000;
    private static final String ISSUER = "dsk-subscriptions";

    private final byte[] secret;

    /** @param secret at least 32 random bytes, kept by the server */
    public WakeTokens(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("the token secret needs at least 32 bytes");
        }
        this.secret = secret.clone();
    }

    /** What a verified token says. */
    public record Claims(String subscriptionId, long generation, String wakeId) {
    }

    /** A token for the wake {@code wakeId} of generation {@code generation}, valid from {@code now}. */
    public String issue(String subscriptionId, long generation, String wakeId, long now) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(subscriptionId)
                .claim("gen", generation)
                .claim("wid", wakeId)
                .expirationTime(new Date(now + LIFETIME_MS))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /**
     * Checks the signature and expiry of a token.
     *
     * @throws SubscriptionException 401 when it is not a valid wake token
     */
    public Claims verify(String token, long now) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new MACVerifier(secret))) {
                throw SubscriptionException.unauthorized("the token's signature is not valid");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date exp = claims.getExpirationTime();
            if (!ISSUER.equals(claims.getIssuer()) || exp == null || exp.getTime() <= now) {
                throw SubscriptionException.unauthorized("the token expired");
            }
            Long generation = claims.getLongClaim("gen");
            String wakeId = claims.getStringClaim("wid");
            if (claims.getSubject() == null || generation == null || wakeId == null) {
                throw SubscriptionException.unauthorized("the token is not a wake token");
            }
            return new Claims(claims.getSubject(), generation, wakeId);
        } catch (ParseException | JOSEException e) {
            throw SubscriptionException.unauthorized("the token is not a wake token");
        }
    }
}
