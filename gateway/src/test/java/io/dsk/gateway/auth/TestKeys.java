package io.dsk.gateway.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/** Key pairs generated once per test run, and PEM writing for key files. */
final class TestKeys {

    /** 64 bytes: long enough for HS256, HS384 and HS512. */
    static final byte[] HMAC_SECRET =
            "test-secret-0123456789abcdef-0123456789abcdef-0123456789abcdef!!".getBytes(StandardCharsets.US_ASCII);
    static final KeyPair RSA = generate("RSA", 2048);
    static final KeyPair RSA_OTHER = generate("RSA", 2048);
    static final KeyPair EC_P256 = generateEc("secp256r1");
    static final KeyPair EC_P384 = generateEc("secp384r1");
    static final KeyPair EC_P521 = generateEc("secp521r1");
    static final KeyPair ED25519 = generate("Ed25519", 0);

    private TestKeys() {
    }

    private static KeyPair generate(String algorithm, int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (bits > 0) {
                generator.initialize(bits);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generateEc(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    static Path writePublicKey(Path dir, String name, KeyPair pair) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
        return file;
    }
}
