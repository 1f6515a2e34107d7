package io.dsk.gateway.subscriptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * The webhook signing keys (PROTOCOL.md 6.5, 7.1): Ed25519 key pairs, one active, older ones kept
 * and published until no signature they made can still be inside a receiver's replay window. The
 * {@code kid} is {@code ds_} and the RFC 7638 thumbprint of the public key. Private keys are only
 * ever written to the store ({@link #encode}); {@link #jwks} holds public keys only. Immutable.
 */
public final class SigningKeys {

    /** Receivers reject signatures older than this (7.1 suggests five minutes). */
    public static final long REPLAY_WINDOW_MS = 300_000;
    /** A retired key stays published this long: the replay window twice over. */
    static final long PUBLISHED_AFTER_RETIREMENT_MS = 2 * REPLAY_WINDOW_MS;
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();

    /**
     * One key pair.
     *
     * @param retiredAt when a newer key replaced it (epoch millis), or -1 for the active key
     */
    public record Key(String kid, PrivateKey privateKey, byte[] x, long createdAt, long retiredAt) {
    }

    private final List<Key> keys;

    private SigningKeys(List<Key> keys) {
        List<Key> sorted = new ArrayList<>(keys);
        sorted.sort(Comparator.comparingLong(Key::createdAt));
        this.keys = List.copyOf(sorted);
    }

    /** The keys as stored; a set without an active key must be {@link #rotate rotated} first. */
    public static SigningKeys of(List<Key> keys) {
        return new SigningKeys(keys);
    }

    /** Every key, oldest first. */
    public List<Key> keys() {
        return keys;
    }

    /** The key that signs, or null when there is none yet. */
    public Key active() {
        for (Key k : keys) {
            if (k.retiredAt() < 0) {
                return k;
            }
        }
        return null;
    }

    /** A new active key; the one before is retired at {@code now}. */
    public SigningKeys rotate(long now) {
        List<Key> next = new ArrayList<>();
        for (Key k : keys) {
            next.add(k.retiredAt() < 0 ? new Key(k.kid(), k.privateKey(), k.x(), k.createdAt(), now) : k);
        }
        next.add(generate(now));
        return new SigningKeys(next);
    }

    /** True when there is no active key or it is at least {@code maxAgeMillis} old. */
    public boolean dueForRotation(long now, long maxAgeMillis) {
        Key active = active();
        return active == null || now - active.createdAt() >= maxAgeMillis;
    }

    /** The keys still published at {@code now}; retired keys past their publication drop out. */
    public SigningKeys pruned(long now) {
        List<Key> kept = new ArrayList<>();
        for (Key k : keys) {
            if (k.retiredAt() < 0 || now < k.retiredAt() + PUBLISHED_AFTER_RETIREMENT_MS) {
                kept.add(k);
            }
        }
        return new SigningKeys(kept);
    }

    /** The JWK Set of the published public keys. */
    public ObjectNode jwks(long now) {
        ObjectNode set = JSON.createObjectNode();
        ArrayNode list = set.putArray("keys");
        for (Key k : pruned(now).keys) {
            ObjectNode jwk = list.addObject();
            jwk.put("kty", "OKP");
            jwk.put("crv", "Ed25519");
            jwk.put("kid", k.kid());
            jwk.put("use", "sig");
            jwk.put("alg", "EdDSA");
            jwk.put("x", B64URL.encodeToString(k.x()));
        }
        return set;
    }

    /**
     * The {@code Webhook-Signature} header value for {@code body} sent at {@code nowMillis}:
     * {@code t=<seconds>,kid=<kid>,ed25519=<signature over "<t>.<body>">}.
     */
    public String sign(byte[] body, long nowMillis) {
        Key key = active();
        if (key == null) {
            throw new IllegalStateException("no active signing key");
        }
        long t = nowMillis / 1000;
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key.privateKey());
            signer.update(signedBytes(t, body));
            return "t=" + t + ",kid=" + key.kid() + ",ed25519=" + B64URL.encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Verifies a {@code Webhook-Signature} as a receiver does: the key named by {@code kid} in
     * {@code jwks}, a timestamp within the replay window of {@code nowMillis}, the signature over
     * {@code "<t>.<raw body>"}.
     */
    public static boolean verify(String header, byte[] body, JsonNode jwks, long nowMillis) {
        String t = null;
        String kid = null;
        String sig = null;
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                return false;
            }
            String name = part.substring(0, eq);
            String value = part.substring(eq + 1);
            switch (name) {
                case "t" -> t = value;
                case "kid" -> kid = value;
                case "ed25519" -> sig = value;
                default -> { }
            }
        }
        if (t == null || kid == null || sig == null || !t.matches("\\d{1,12}")) {
            return false;
        }
        long seconds = Long.parseLong(t);
        if (Math.abs(nowMillis - seconds * 1000) > REPLAY_WINDOW_MS) {
            return false;
        }
        for (JsonNode jwk : jwks.path("keys")) {
            if (kid.equals(jwk.path("kid").asText()) && "Ed25519".equals(jwk.path("crv").asText())) {
                try {
                    Signature verifier = Signature.getInstance("Ed25519");
                    verifier.initVerify(publicKey(B64URL_DECODER.decode(jwk.path("x").asText())));
                    verifier.update(signedBytes(seconds, body));
                    return verifier.verify(B64URL_DECODER.decode(sig));
                } catch (GeneralSecurityException | IllegalArgumentException e) {
                    return false;
                }
            }
        }
        return false;
    }

    private static byte[] signedBytes(long t, byte[] body) {
        byte[] prefix = (t + ".").getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(prefix, prefix.length + body.length);
        System.arraycopy(body, 0, all, prefix.length, body.length);
        return all;
    }

    static Key generate(long now) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] encoded = pair.getPublic().getEncoded();
            byte[] x = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
            return new Key(kid(x), pair.getPrivate(), x, now, -1);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519", e);
        }
    }

    /** {@code ds_} and the RFC 7638 thumbprint of the public key. */
    static String kid(byte[] x) {
        String canonical = "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + B64URL.encodeToString(x) + "\"}";
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return "ds_" + B64URL.encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static PublicKey publicKey(byte[] x) throws GeneralSecurityException {
        byte[] encoded = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + x.length);
        System.arraycopy(x, 0, encoded, X509_PREFIX.length, x.length);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
    }

    /** The stored form of a key pair: JSON with the PKCS#8 private key. Only the store sees it. */
    static byte[] encode(Key key) {
        ObjectNode node = JSON.createObjectNode();
        node.put("kid", key.kid());
        node.put("private", Base64.getEncoder().encodeToString(key.privateKey().getEncoded()));
        node.put("x", B64URL.encodeToString(key.x()));
        node.put("created_at", key.createdAt());
        node.put("retired_at", key.retiredAt());
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    static Key decode(byte[] stored) {
        try {
            JsonNode node = JSON.readTree(stored);
            PrivateKey privateKey = KeyFactory.getInstance("Ed25519").generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(node.path("private").asText())));
            return new Key(node.path("kid").asText(), privateKey, B64URL_DECODER.decode(node.path("x").asText()),
                    node.path("created_at").asLong(), node.path("retired_at").asLong());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored signing key cannot be read", e);
        }
    }
}
