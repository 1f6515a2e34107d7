package io.dsk.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import io.dsk.gateway.tls.PemBlock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns configured key material (an HMAC secret, PEM public keys, JWKs) into
 * {@link VerificationKey}s, each pinned to the algorithms of its key type.
 */
final class VerificationKeys {

    static final Set<JWSAlgorithm> HMAC = Set.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512);
    static final Set<JWSAlgorithm> RSA = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512);
    static final Set<JWSAlgorithm> EC = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);
    static final Set<JWSAlgorithm> ALL;

    static {
        Set<JWSAlgorithm> all = new LinkedHashSet<>();
        all.addAll(HMAC);
        all.addAll(RSA);
        all.addAll(EC);
        all.addAll(JdkEd25519Verifier.ALGORITHMS);
        ALL = Set.copyOf(all);
    }

    static final int MIN_RSA_BITS = 2048;
    static final int MIN_HMAC_BYTES = 32;

    private static final Map<Curve, JWSAlgorithm> EC_ALGORITHM = Map.of(
            Curve.P_256, JWSAlgorithm.ES256, Curve.P_384, JWSAlgorithm.ES384, Curve.P_521, JWSAlgorithm.ES512);

    private VerificationKeys() {
    }

    /**
     * The key for a shared HMAC secret: HS256, plus HS384 and HS512 when the secret is long enough
     * for them (48 and 64 bytes).
     *
     * @param secret the secret, at least {@value #MIN_HMAC_BYTES} bytes
     * @param keyId the {@code kid}, or null
     * @return the key
     * @throws IllegalArgumentException if the secret is too short
     */
    static VerificationKey hmac(byte[] secret, String keyId) {
        if (secret.length < MIN_HMAC_BYTES) {
            throw new IllegalArgumentException("the HMAC secret must be at least " + MIN_HMAC_BYTES
                    + " bytes (256 bits), was " + secret.length);
        }
        Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
        for (JWSAlgorithm algorithm : List.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512)) {
            if (secret.length >= hmacBytesNeeded(algorithm)) {
                algorithms.add(algorithm);
            }
        }
        try {
            return new VerificationKey(keyId, algorithms, new MACVerifier(secret), "HMAC secret");
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable HMAC secret: " + e.getMessage(), e);
        }
    }

    /**
     * @param algorithm HS256, HS384 or HS512
     * @return the shortest secret the algorithm accepts: as many bytes as its hash (RFC 7518 3.2)
     */
    static int hmacBytesNeeded(JWSAlgorithm algorithm) {
        if (JWSAlgorithm.HS512.equals(algorithm)) {
            return 64;
        }
        return JWSAlgorithm.HS384.equals(algorithm) ? 48 : MIN_HMAC_BYTES;
    }

    /**
     * The key for a public key: RSA (at least 2048 bits) for {@code RS*} and {@code PS*}, EC P-256/P-384/P-521 for the
     * matching ES*, Ed25519 for EdDSA.
     *
     * @param key the public key
     * @param keyId the {@code kid}, or null
     * @param description names the key's origin in errors and logs
     * @return the key
     * @throws IllegalArgumentException if the key type, size or curve is not supported
     */
    static VerificationKey publicKey(PublicKey key, String keyId, String description) {
        try {
            if (key instanceof RSAPublicKey rsa) {
                int bits = rsa.getModulus().bitLength();
                if (bits < MIN_RSA_BITS) {
                    throw new IllegalArgumentException(description + ": RSA keys need at least " + MIN_RSA_BITS
                            + " bits, this one has " + bits);
                }
                return new VerificationKey(keyId, RSA, new RSASSAVerifier(rsa), description);
            }
            if (key instanceof ECPublicKey ec) {
                JWSAlgorithm algorithm = EC_ALGORITHM.get(Curve.forECParameterSpec(ec.getParams()));
                if (algorithm == null) {
                    throw new IllegalArgumentException(description + ": EC keys must be on P-256, P-384 or P-521");
                }
                return new VerificationKey(keyId, Set.of(algorithm), new ECDSAVerifier(ec), description);
            }
            if (key instanceof EdECPublicKey ed && "Ed25519".equals(ed.getParams().getName())) {
                return new VerificationKey(keyId, JdkEd25519Verifier.ALGORITHMS, new JdkEd25519Verifier(ed),
                        description);
            }
        } catch (JOSEException e) {
            throw new IllegalArgumentException(description + ": unusable key: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException(description + ": unsupported key type " + key.getAlgorithm()
                + "; use RSA, EC (P-256/384/521) or Ed25519");
    }

    /**
     * The key for one JWK, pinned to its {@code alg} when it names one.
     *
     * @param jwk the key
     * @param allowSymmetric whether {@code oct} (HMAC) keys are acceptable; never for keys fetched
     *     from a URL, since a shared secret must not travel as a public key set
     * @return the key, or empty with the reason in {@code why} when the JWK is not a usable signature key
     */
    static Optional<VerificationKey> fromJwk(JWK jwk, boolean allowSymmetric, StringBuilder why) {
        if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
            why.append("use is not 'sig'");
            return Optional.empty();
        }
        try {
            VerificationKey key = keyOf(jwk, allowSymmetric);
            if (key == null) {
                why.append("unsupported key type ").append(jwk.getKeyType());
                return Optional.empty();
            }
            if (jwk.getAlgorithm() != null) {
                JWSAlgorithm pinned = JWSAlgorithm.parse(jwk.getAlgorithm().getName());
                key = key.restrictedTo(Set.of(pinned));
                if (key == null) {
                    why.append("alg ").append(pinned).append(" does not fit the key type");
                    return Optional.empty();
                }
            }
            return Optional.of(key);
        } catch (JOSEException | GeneralSecurityException | IllegalArgumentException e) {
            why.append(e.getMessage());
            return Optional.empty();
        }
    }

    private static VerificationKey keyOf(JWK jwk, boolean allowSymmetric)
            throws JOSEException, GeneralSecurityException {
        String description = "JWK";
        if (jwk instanceof RSAKey rsa) {
            return publicKey(rsa.toRSAPublicKey(), jwk.getKeyID(), description);
        }
        if (jwk instanceof ECKey ec) {
            return publicKey(ec.toECPublicKey(), jwk.getKeyID(), description);
        }
        if (jwk instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
            return new VerificationKey(jwk.getKeyID(), JdkEd25519Verifier.ALGORITHMS,
                    JdkEd25519Verifier.ofRawKey(okp.getDecodedX()), description);
        }
        if (jwk instanceof OctetSequenceKey oct) {
            if (!allowSymmetric) {
                throw new IllegalArgumentException("symmetric (oct) keys are not accepted from a JWKS URL");
            }
            return hmac(oct.toByteArray(), jwk.getKeyID());
        }
        return null;
    }

    /**
     * Reads a PEM public key ({@code PUBLIC KEY}, SubjectPublicKeyInfo) or certificate
     * ({@code CERTIFICATE}) and returns its key.
     *
     * @param file the PEM file
     * @param keyId the {@code kid} the key answers to, or null for any
     * @return the key
     * @throws IOException if the file cannot be read or holds no usable public key
     */
    static VerificationKey fromPemFile(Path file, String keyId) throws IOException {
        List<PemBlock> blocks = PemBlock.readAll(file);
        for (PemBlock block : blocks) {
            if (block.label().equals("PUBLIC KEY")) {
                return publicKey(decodeSpki(block.der(), file), keyId, file.toString());
            }
            if (block.label().equals("CERTIFICATE")) {
                try {
                    PublicKey key = CertificateFactory.getInstance("X.509")
                            .generateCertificate(new ByteArrayInputStream(block.der())).getPublicKey();
                    return publicKey(key, keyId, file.toString());
                } catch (GeneralSecurityException e) {
                    throw new IOException(file + " holds a malformed certificate: " + e.getMessage(), e);
                }
            }
        }
        throw new IOException(file + " holds no 'PUBLIC KEY' or 'CERTIFICATE' PEM block"
                + " (a PKCS#1 'RSA PUBLIC KEY' converts with 'openssl rsa -RSAPublicKey_in -pubout')");
    }

    private static PublicKey decodeSpki(byte[] der, Path file) throws IOException {
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next key type
            }
        }
        throw new IOException(file + " holds a public key that is not RSA, EC or Ed25519");
    }
}
