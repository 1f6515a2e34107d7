package io.dsk.gateway.attack;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Signs the suite's tokens: HMAC for the {@code auth} gateway, RSA keys served as a JWKS for {@code edge}. */
final class Tokens {

    /** The {@code auth} gateway's shared secret (at least 32 bytes). */
    static final String HMAC_SECRET = "attack-suite-hmac-secret-0123456789abcdef";
    /** The kid of the key the hostile key server serves while it behaves. */
    static final String GOOD_KID = "good";

    private final KeyPair rsa;
    private final Map<String, String> hmacTokens = new ConcurrentHashMap<>();

    Tokens() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        this.rsa = generator.generateKeyPair();
    }

    /** A valid HS256 token for {@code sub}, signed once and reused. */
    String hmac(String sub) {
        return hmacTokens.computeIfAbsent(sub, s -> sign(new JWSHeader(JWSAlgorithm.HS256), s, true));
    }

    /** An RS256 token for {@code sub} naming key {@code kid}. */
    String rsa(String sub, String kid) {
        return sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), sub, false);
    }

    /** The JWKS document holding the RSA key as {@code kid}. */
    String jwks(String kid) {
        return new JWKSet(new RSAKey.Builder((RSAPublicKey) rsa.getPublic()).keyID(kid).build()).toString();
    }

    private String sign(JWSHeader header, String sub, boolean hmac) {
        // A fresh jti makes every RSA token new to the gateway's cache of verified tokens.
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(sub).jwtID(UUID.randomUUID().toString())
                .expirationTime(Date.from(Instant.now().plusSeconds(3600))).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(hmac ? new MACSigner(HMAC_SECRET.getBytes(StandardCharsets.UTF_8)) : new RSASSASigner(rsa.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
