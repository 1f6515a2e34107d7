package io.dsk.gateway.tls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Builds the {@link SSLContext} of the gateway's HTTPS listener from PEM files or a key store.
 *
 * <p>Every failure is an {@link IOException} whose message names the file and what to change, so
 * a bad {@code tls-*} option stops the gateway at start-up with a clear line instead of failing
 * the first handshake.
 */
public final class TlsContexts {

    /** DER of the AlgorithmIdentifier {@code rsaEncryption} with NULL parameters. */
    private static final byte[] RSA_ALGORITHM_ID = {
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00
    };
    private static final String KEY_ALIAS = "dsk-gateway";

    private TlsContexts() {
    }

    /**
     * The context the settings describe.
     *
     * @param settings TLS settings; must be {@link TlsSettings#enabled()}
     * @return a context holding the server's key and certificate chain
     * @throws IOException if a file is missing or malformed, or the key does not match the certificate
     * @throws IllegalStateException if TLS is not enabled in the settings
     */
    public static SSLContext from(TlsSettings settings) throws IOException {
        if (settings.keyStore().isPresent()) {
            return fromKeyStore(settings.keyStore().get(), settings.keyStorePassword(), settings.keyStoreType());
        }
        if (settings.certificate().isPresent() && settings.privateKey().isPresent()) {
            return fromPem(settings.certificate().get(), settings.privateKey().get());
        }
        throw new IllegalStateException("TLS is not enabled: set tls-cert and tls-key, or tls-keystore");
    }

    /**
     * A context from a PEM certificate chain and a PEM private key.
     *
     * @param certificateChain PEM file with the server certificate first, then any intermediates
     * @param privateKey PEM file with an unencrypted key: PKCS#8 ({@code PRIVATE KEY}, RSA, EC or
     *     Ed25519) or PKCS#1 ({@code RSA PRIVATE KEY})
     * @return the context
     * @throws IOException if a file is missing or malformed, or the key does not match the certificate
     */
    public static SSLContext fromPem(Path certificateChain, Path privateKey) throws IOException {
        Objects.requireNonNull(certificateChain, "certificateChain");
        Objects.requireNonNull(privateKey, "privateKey");
        List<X509Certificate> chain = readCertificates(certificateChain);
        PrivateKey key = readPrivateKey(privateKey, chain.get(0).getPublicKey().getAlgorithm());
        requireMatchingPair(key, chain.get(0).getPublicKey(), certificateChain, privateKey);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] transientPassword = new char[0];
            store.setKeyEntry(KEY_ALIAS, key, transientPassword, chain.toArray(new Certificate[0]));
            return contextOf(store, transientPassword);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot build a TLS context from " + certificateChain + " and " + privateKey
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * A context from a key store holding one private key entry.
     *
     * @param keyStore the key store file
     * @param password its password, also used for the key entry; may be empty
     * @param type the key store type, e.g. {@code PKCS12} or {@code JKS}
     * @return the context
     * @throws IOException if the store cannot be read or opened with the password, or holds no key
     */
    public static SSLContext fromKeyStore(Path keyStore, char[] password, String type) throws IOException {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(type, "type");
        char[] pass = password == null ? new char[0] : password;
        if (!Files.isReadable(keyStore)) {
            throw new IOException("cannot read key store " + keyStore + "; check tls-keystore");
        }
        KeyStore store;
        try (InputStream in = Files.newInputStream(keyStore)) {
            store = KeyStore.getInstance(type);
            store.load(in, pass);
        } catch (IOException | GeneralSecurityException e) {
            throw new IOException("cannot open key store " + keyStore + " as " + type
                    + " (check tls-keystore-type and tls-keystore-password): " + e.getMessage(), e);
        }
        try {
            if (!hasKeyEntry(store)) {
                throw new IOException(keyStore + " holds no private key entry; tls-keystore needs the server key"
                        + " and its certificate chain");
            }
            return contextOf(store, pass);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use the key in " + keyStore
                    + " (its key password must equal tls-keystore-password): " + e.getMessage(), e);
        }
    }

    private static boolean hasKeyEntry(KeyStore store) throws GeneralSecurityException {
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                return true;
            }
        }
        return false;
    }

    private static SSLContext contextOf(KeyStore store, char[] password) throws GeneralSecurityException {
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        return context;
    }

    static List<X509Certificate> readCertificates(Path file) throws IOException {
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (PemBlock block : PemBlock.readAll(file)) {
                if (block.label().equals("CERTIFICATE")) {
                    chain.add((X509Certificate) factory.generateCertificate(
                            new ByteArrayInputStream(block.der())));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IOException(file + " holds a malformed certificate: " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new IOException(file + " holds no CERTIFICATE block; tls-cert must be a PEM certificate chain");
        }
        return chain;
    }

    static PrivateKey readPrivateKey(Path file, String algorithm) throws IOException {
        for (PemBlock block : PemBlock.readAll(file)) {
            switch (block.label()) {
                case "PRIVATE KEY":
                    return decodePkcs8(block.der(), algorithm, file);
                case "RSA PRIVATE KEY":
                    return decodePkcs8(pkcs8OfPkcs1(block.der()), "RSA", file);
                case "EC PRIVATE KEY":
                    throw new IOException(file + " holds a SEC1 EC key; convert it to PKCS#8 with"
                            + " 'openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem'");
                case "ENCRYPTED PRIVATE KEY":
                    throw new IOException(file + " holds an encrypted key; tls-key needs an unencrypted PKCS#8 key,"
                            + " or use tls-keystore with tls-keystore-password");
                default:
                    break;
            }
        }
        throw new IOException(file + " holds no PRIVATE KEY block; tls-key must be a PEM private key");
    }

    private static PrivateKey decodePkcs8(byte[] der, String algorithm, Path file) throws IOException {
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IOException(file + " does not hold a " + algorithm + " private key matching the certificate: "
                    + e.getMessage(), e);
        }
    }

    /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo (RFC 5208). */
    static byte[] pkcs8OfPkcs1(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(pkcs1.length + 32);
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(RSA_ALGORITHM_ID);
        writeTagged(body, 0x04, pkcs1);
        ByteArrayOutputStream info = new ByteArrayOutputStream(body.size() + 4);
        writeTagged(info, 0x30, body.toByteArray());
        return info.toByteArray();
    }

    private static void writeTagged(ByteArrayOutputStream out, int tag, byte[] content) {
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content);
    }

    private static void requireMatchingPair(PrivateKey key, PublicKey publicKey, Path cert, Path keyFile)
            throws IOException {
        String algorithm = switch (publicKey.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> throw new IOException(cert + " has a " + publicKey.getAlgorithm()
                    + " key; tls-cert needs an RSA, EC or Ed25519 certificate");
        };
        byte[] probe = "dsk-gateway key check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // falls through to the mismatch error
        }
        throw new IOException(keyFile + " is not the private key of the first certificate in " + cert);
    }
}
