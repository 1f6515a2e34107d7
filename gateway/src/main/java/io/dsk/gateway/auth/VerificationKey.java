package io.dsk.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * One key that may verify token signatures, pinned to the algorithms its type allows.
 *
 * <p>The pin is what makes algorithm confusion impossible: an RSA key only ever verifies
 * {@code RS*}/{@code PS*}, so a token claiming {@code HS256} never reaches an HMAC check keyed
 * with the RSA public key, and {@code none} is never in any key's set.
 */
final class VerificationKey {

    private final String keyId;
    private final Set<JWSAlgorithm> algorithms;
    private final JWSVerifier verifier;
    private final String description;

    VerificationKey(String keyId, Set<JWSAlgorithm> algorithms, JWSVerifier verifier, String description) {
        this.keyId = keyId;
        this.algorithms = Set.copyOf(algorithms);
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.description = description;
        if (this.algorithms.isEmpty()) {
            throw new IllegalArgumentException(description + " allows no signature algorithm");
        }
    }

    /** The {@code kid}, or null when the key has none and so is tried for any token of its algorithms. */
    String keyId() {
        return keyId;
    }

    Set<JWSAlgorithm> algorithms() {
        return algorithms;
    }

    /** Whether this key may verify a token with this header's {@code alg} and {@code kid}. */
    boolean accepts(JWSAlgorithm algorithm, String tokenKeyId) {
        return algorithms.contains(algorithm) && (keyId == null || tokenKeyId == null || keyId.equals(tokenKeyId));
    }

    /** Whether the token's signature verifies with this key; false for every error. */
    boolean verifies(SignedJWT token) {
        if (!algorithms.contains(token.getHeader().getAlgorithm())) {
            return false;
        }
        try {
            return token.verify(verifier);
        } catch (JOSEException | IllegalStateException e) {
            return false;
        }
    }

    /** Restricts the key to the algorithms also in {@code allowed}; null when none remain. */
    VerificationKey restrictedTo(Set<JWSAlgorithm> allowed) {
        Set<JWSAlgorithm> kept = new HashSet<>(algorithms);
        kept.retainAll(allowed);
        if (kept.isEmpty()) {
            return null;
        }
        return kept.equals(algorithms) ? this : new VerificationKey(keyId, kept, verifier, description);
    }

    @Override
    public String toString() {
        return description + (keyId == null ? "" : " kid=" + keyId) + " " + algorithms;
    }
}
