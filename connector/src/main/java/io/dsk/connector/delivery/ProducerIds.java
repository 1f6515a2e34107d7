package io.dsk.connector.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Stable idempotent producer ids: one per (connector, topic, partition, stream), the same in every task
 * and every restart, so that a new session fences the previous one.
 */
public final class ProducerIds {

    private static final String PREFIX = "dsk-";

    private ProducerIds() {
    }

    /**
     * @param connector the connector name
     * @param topic     the Kafka topic
     * @param partition the Kafka partition
     * @param path      the escaped stream path
     * @return {@code dsk-} followed by 22 URL-safe base64 characters of a SHA-256 of the four
     */
    public static String of(String connector, String topic, int partition, String path) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {connector, topic, Integer.toString(partition), path}) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                sha.update((byte) ':');
                sha.update(bytes);
            }
            byte[] digest = Arrays.copyOf(sha.digest(), 16);
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
