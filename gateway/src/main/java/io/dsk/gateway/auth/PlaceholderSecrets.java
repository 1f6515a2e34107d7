package io.dsk.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Recognises HMAC secrets that an attacker can guess: the placeholders printed in DSK's own docs
 * and examples, the usual stand-ins ({@code changeme}, {@code replace-with-...}) and secrets made
 * of a handful of repeated bytes. A gateway must never start with one of them, since anybody could
 * then sign a token it accepts.
 */
final class PlaceholderSecrets {

    /** How to make a real secret, for error messages and docs. */
    static final String HOW_TO_GENERATE = "generate one with: openssl rand -base64 48, and set it as 'base64:<output>'";

    /** Secrets that were published in DSK's docs and examples; they stay refused forever. */
    private static final List<byte[]> PUBLISHED = List.of(
            "replace-with-a-secret-of-at-least-32-bytes".getBytes(StandardCharsets.UTF_8),
            Base64.getDecoder().decode("3q2+7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="));

    /** Words that only a stand-in for a secret contains, compared without case, blanks or punctuation. */
    private static final List<String> STAND_IN_WORDS = List.of("replacewith", "changeme", "changeit",
            "placeholder", "yoursecret", "mysecret", "secretgoeshere", "insertsecret", "examplesecret",
            "notasecret", "supersecret", "password");

    /** A random 32-byte secret has about 30 distinct byte values; fewer than this is a pattern. */
    private static final int MIN_DISTINCT_BYTES = 8;

    private PlaceholderSecrets() {
    }

    /**
     * @param secret the decoded secret
     * @return why the secret is guessable, or empty when it is not recognised as such
     */
    static Optional<String> weakness(byte[] secret) {
        for (byte[] published : PUBLISHED) {
            if (Arrays.equals(published, secret)) {
                return Optional.of("is a placeholder published in DSK's documentation");
            }
        }
        String letters = new String(secret, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]", "");
        for (String word : STAND_IN_WORDS) {
            if (letters.contains(word)) {
                return Optional.of("looks like a placeholder (it contains '" + word + "')");
            }
        }
        if (distinctBytes(secret) < MIN_DISTINCT_BYTES) {
            return Optional.of("repeats a few bytes (" + distinctBytes(secret) + " distinct values), so it is guessable");
        }
        return Optional.empty();
    }

    private static int distinctBytes(byte[] secret) {
        boolean[] seen = new boolean[256];
        int distinct = 0;
        for (byte b : secret) {
            if (!seen[b & 0xff]) {
                seen[b & 0xff] = true;
                distinct++;
            }
        }
        return distinct;
    }
}
