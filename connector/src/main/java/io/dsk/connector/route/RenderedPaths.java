package io.dsk.connector.route;

import java.util.HashMap;
import java.util.Map;

/**
 * Paths already rendered by a template that reads only the topic, partition and key, by those three.
 * Only immutable keys with value equality (strings, integral numbers, booleans) are remembered. Bounded:
 * when full it starts over, which costs one more rendering per stream. Not thread-safe.
 */
final class RenderedPaths {

    static final int MAX_ENTRIES = 65_536;

    private final Map<Coordinates, String> paths = new HashMap<>();

    private record Coordinates(String topic, Integer partition, Object key) {
    }

    /**
     * @param key a record key
     * @return whether a path rendered from this key may be remembered
     */
    static boolean isCacheableKey(Object key) {
        return key instanceof String || key instanceof Long || key instanceof Integer || key instanceof Short
                || key instanceof Byte || key instanceof Boolean;
    }

    String get(String topic, Integer partition, Object key) {
        return paths.get(new Coordinates(topic, partition, key));
    }

    void put(String topic, Integer partition, Object key, String path) {
        if (paths.size() >= MAX_ENTRIES) {
            paths.clear();
        }
        paths.put(new Coordinates(topic, partition, key), path);
    }

    int size() {
        return paths.size();
    }
}
