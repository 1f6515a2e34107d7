package io.dsk.gateway.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Objects;
import java.util.Set;

/**
 * Verifies Ed25519 JWS signatures ({@code EdDSA} and the fully specified {@code Ed25519}) with the
 * JDK's own {@code Signature.getInstance("Ed25519")}, available since Java 15.
 *
 * <p>The JWT library's Ed25519 verifier needs Google Tink (several MB plus protobuf) only for this
 * one primitive; the JDK provider is constant-time, well reviewed, and already on every gateway.
 * Critical header parameters are not understood here, so a token that declares any is refused.
 */
final class JdkEd25519Verifier implements JWSVerifier {

    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);

    /** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410), followed by the 32 key bytes. */
    private static final byte[] SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    private static final int KEY_LENGTH = 32;
    private static final int SIGNATURE_LENGTH = 64;

    private final PublicKey publicKey;
    private final JCAContext jcaContext = new JCAContext();

    JdkEd25519Verifier(PublicKey publicKey) {
        this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
    }

    /**
     * A verifier for a raw public key, as carried in an OKP JWK's {@code x}.
     *
     * @param raw the 32-byte Ed25519 public key
     * @return the verifier
     * @throws GeneralSecurityException if the bytes are not an Ed25519 public key
     */
    static JdkEd25519Verifier ofRawKey(byte[] raw) throws GeneralSecurityException {
        if (raw.length != KEY_LENGTH) {
            throw new GeneralSecurityException("an Ed25519 public key has 32 bytes, not " + raw.length);
        }
        byte[] spki = new byte[SPKI_PREFIX.length + KEY_LENGTH];
        System.arraycopy(SPKI_PREFIX, 0, spki, 0, SPKI_PREFIX.length);
        System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, KEY_LENGTH);
        return new JdkEd25519Verifier(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki)));
    }

    @Override
    public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) {
        if (!ALGORITHMS.contains(header.getAlgorithm()) || header.getCriticalParams() != null) {
            return false;
        }
        byte[] signatureBytes = signature.decode();
        if (signatureBytes.length != SIGNATURE_LENGTH) {
            return false;
        }
        try {
            Signature check = Signature.getInstance("Ed25519");
            check.initVerify(publicKey);
            check.update(signingInput);
            return check.verify(signatureBytes);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return ALGORITHMS;
    }

    @Override
    public JCAContext getJCAContext() {
        return jcaContext;
    }
}
