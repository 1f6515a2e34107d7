package io.dsk.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Recently accepted tokens, so a client that sends the same token on every long-poll, SSE
 * reconnect or append does not pay for a signature check each time (ECDSA and Ed25519 checks cost
 * about a millisecond on the JDK).
 *
 * <p>Entries are keyed by the SHA-256 of the token, never the token, so memory per entry is small
 * and fixed. An entry lives until the earlier of the token's expiry and the
 * configured time to live; only accepted tokens are kept. The cost of the cache is that a key
 * removed from a JWKS stops verifying cached tokens only after that time to live.
 */
final class VerifiedTokenCache {

    private static final int SHARDS = 16;

    private final Shard[] shards = new Shard[SHARDS];

    /**
     * @param maxEntries most tokens kept over all shards, at least 1
     */
    VerifiedTokenCache(int maxEntries) {
        int perShard = Math.max(1, (maxEntries + SHARDS - 1) / SHARDS);
        for (int i = 0; i < SHARDS; i++) {
            shards[i] = new Shard(perShard);
        }
    }

    /** The SHA-256 of the token, in hex: the only form in which a token is kept. */
    static String keyOf(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The cached token for the key, or null when absent or no longer valid at {@code now}. */
    VerifiedToken get(String key, Instant now) {
        Shard shard = shardOf(key);
        synchronized (shard) {
            Entry entry = shard.get(key);
            if (entry == null) {
                return null;
            }
            if (!now.isBefore(entry.validUntil)) {
                shard.remove(key);
                return null;
            }
            return entry.token;
        }
    }

    /**
     * Keeps an accepted token until the earlier of {@code latest} and its expiry; past its expiry a
     * token is checked in full again, which still honours the clock skew.
     *
     * @param key from {@link #keyOf(String)}
     * @param token the accepted token
     * @param expiry its {@code exp}, or null
     * @param latest the latest instant the entry may live to
     */
    void put(String key, VerifiedToken token, Date expiry, Instant latest) {
        Instant validUntil = expiry == null || latest.isBefore(expiry.toInstant()) ? latest : expiry.toInstant();
        Shard shard = shardOf(key);
        synchronized (shard) {
            shard.put(key, new Entry(token, validUntil));
        }
    }

    int size() {
        int size = 0;
        for (Shard shard : shards) {
            synchronized (shard) {
                size += shard.size();
            }
        }
        return size;
    }

    private Shard shardOf(String key) {
        return shards[Math.floorMod(key.hashCode(), SHARDS)];
    }

    private static final class Entry {
        final VerifiedToken token;
        final Instant validUntil;

        Entry(VerifiedToken token, Instant validUntil) {
            this.token = token;
            this.validUntil = validUntil;
        }
    }

    private static final class Shard extends LinkedHashMap<String, Entry> {
        private static final long serialVersionUID = 1L;
        private final int capacity;

        Shard(int capacity) {
            super(16, 0.75f, true);
            this.capacity = capacity;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > capacity;
        }
    }
}
