package io.dsk.connector.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds {@code ds.*} keys that this connector does not know, such as {@code ds.stream.templat}, and
 * names the known key nearest to each. Kafka Connect passes unknown keys through silently, so without
 * this a typo would leave the option at its default.
 */
final class UnknownOptions {

    private static final String OWN_PREFIX = "ds.";
    private static final List<String> TOPIC_PREFIXES = List.of(DurableStreamsSinkConfig.STREAM_TOPIC_PREFIX,
            DurableStreamsSinkConfig.CONTENT_TYPE_TOPIC_PREFIX);
    private static final String TOPIC_PLACEHOLDER = "<topic>";

    private UnknownOptions() {
    }

    /**
     * @param props the connector configuration
     * @return a message per unknown {@code ds.*} key, by key; empty when every one is known
     */
    static Map<String, String> problems(Map<String, String> props) {
        List<String> known = new ArrayList<>(DurableStreamsSinkConfig.CONFIG_DEF.names());
        TOPIC_PREFIXES.forEach(prefix -> known.add(prefix + TOPIC_PLACEHOLDER));
        Map<String, String> problems = new TreeMap<>();
        for (String key : props.keySet()) {
            if (key.startsWith(OWN_PREFIX) && !DurableStreamsSinkConfig.CONFIG_DEF.names().contains(key)
                    && TOPIC_PREFIXES.stream().noneMatch(key::startsWith)) {
                problems.put(key, "Unknown option " + key + ". Did you mean " + nearest(key, known)
                        + "? Every option of this connector is listed in docs/connector.md.");
            }
        }
        return problems;
    }

    private static String nearest(String key, List<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = candidate.endsWith(TOPIC_PLACEHOLDER)
                    ? prefixDistance(key, candidate.substring(0, candidate.length() - TOPIC_PLACEHOLDER.length()))
                    : distance(key, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** Compares a key with a per-topic prefix by the part of the key up to its last {@code .topic.}. */
    private static int prefixDistance(String key, String prefix) {
        int topic = key.lastIndexOf(".topic.");
        return distance(topic < 0 ? key : key.substring(0, topic + ".topic.".length()), prefix);
    }

    /** Levenshtein distance: the fewest single-character insertions, deletions and substitutions. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
