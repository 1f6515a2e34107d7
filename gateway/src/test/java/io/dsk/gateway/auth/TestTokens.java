package io.dsk.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.time.Instant;
import java.util.Date;

/** Mints signed JWTs for tests, with every algorithm the gateway accepts (and some it must refuse). */
final class TestTokens {

    static final String ISSUER = "https://issuer.test";
    static final String AUDIENCE = "dsk";
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private TestTokens() {
    }

    /** Claims valid at {@link #NOW} for five minutes, from the test issuer to the test audience. */
    static JWTClaimsSet.Builder claims(String subject) {
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder()
                .issuer(ISSUER).audience(AUDIENCE)
                .issueTime(Date.from(NOW)).expirationTime(Date.from(NOW.plusSeconds(300)));
        return subject == null ? b : b.subject(subject);
    }

    static String hmac(JWSAlgorithm algorithm, byte[] secret, JWTClaimsSet claims) {
        try {
            return sign(new JWSHeader(algorithm), claims, new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hs256(JWTClaimsSet claims) {
        return hmac(JWSAlgorithm.HS256, TestKeys.HMAC_SECRET, claims);
    }

    static String rsa(JWSAlgorithm algorithm, String keyId, PrivateKey key, JWTClaimsSet claims) {
        return sign(new JWSHeader.Builder(algorithm).keyID(keyId).build(), claims, new RSASSASigner(key));
    }

    static String ec(JWSAlgorithm algorithm, String keyId, PrivateKey key, JWTClaimsSet claims) {
        try {
            return sign(new JWSHeader.Builder(algorithm).keyID(keyId).build(), claims,
                    new ECDSASigner((ECPrivateKey) key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ed25519 with the JDK, since the library's signer needs Tink. */
    static String ed25519(JWSAlgorithm algorithm, String keyId, PrivateKey key, JWTClaimsSet claims) {
        JWSHeader header = new JWSHeader.Builder(algorithm).keyID(keyId).build();
        String signingInput = header.toBase64URL() + "." + Base64URL.encode(claims.toString());
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64URL.encode(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsecured JWT: {@code {"alg":"none"}}, the claims, and an empty signature. */
    static String unsigned(JWTClaimsSet claims) {
        return Base64URL.encode("{\"alg\":\"none\"}") + "." + Base64URL.encode(claims.toString()) + ".";
    }

    static String sign(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) {
        try {
            String signingInput = header.toBase64URL() + "." + Base64URL.encode(claims.toString());
            Base64URL signature = signer.sign(header, signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + signature;
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token with its payload replaced, keeping header and signature. */
    static String withPayload(String token, JWTClaimsSet claims) {
        String[] parts = token.split("\\.", -1);
        return parts[0] + "." + Base64URL.encode(claims.toString()) + "." + parts[2];
    }

    /** The token with one signature character changed. */
    static String withFlippedSignature(String token) {
        int at = token.lastIndexOf('.') + 5;
        char c = token.charAt(at);
        return token.substring(0, at) + (c == 'A' ? 'B' : 'A') + token.substring(at + 1);
    }
}
