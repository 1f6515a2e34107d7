package io.dsk.connector.config;

import io.dsk.connector.route.StreamPathTemplate;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.config.ConfigException;

/** Reads the per-topic options {@code ds.stream.topic.<topic>} and {@code ds.content.type.topic.<topic>}. */
final class TopicOverrides {

    private TopicOverrides() {
    }

    static Map<String, StreamPathTemplate> templates(Map<String, String> props) {
        Map<String, StreamPathTemplate> templates = new TreeMap<>();
        forPrefix(props, DurableStreamsSinkConfig.STREAM_TOPIC_PREFIX, (key, topic, value) -> {
            if (topic.isEmpty()) {
                throw new ConfigException(key, value, "Name the topic after the prefix: " + key + "<topic>");
            }
            try {
                templates.put(topic, StreamPathTemplate.parse(value));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key, value, "Fix the stream path template in " + key + ": " + e.getMessage());
            }
        });
        return Map.copyOf(templates);
    }

    static Map<String, StreamContentType> contentTypes(Map<String, String> props) {
        Map<String, StreamContentType> types = new TreeMap<>();
        forPrefix(props, DurableStreamsSinkConfig.CONTENT_TYPE_TOPIC_PREFIX, (key, topic, value) -> {
            if (topic.isEmpty()) {
                throw new ConfigException(key, value, "Name the topic after the prefix: " + key + "<topic>");
            }
            try {
                types.put(topic, StreamContentType.CHOICES.parse(value));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key, value, "Set " + key + " to one of " + StreamContentType.CHOICES.choices());
            }
        });
        return Map.copyOf(types);
    }

    static Map<String, String> problems(Map<String, String> props) {
        Map<String, String> problems = new TreeMap<>();
        forPrefix(props, DurableStreamsSinkConfig.STREAM_TOPIC_PREFIX, (key, topic, value) -> {
            try {
                templates(Map.of(key, value));
            } catch (ConfigException e) {
                problems.put(key, e.getMessage());
            }
        });
        forPrefix(props, DurableStreamsSinkConfig.CONTENT_TYPE_TOPIC_PREFIX, (key, topic, value) -> {
            try {
                contentTypes(Map.of(key, value));
            } catch (ConfigException e) {
                problems.put(key, e.getMessage());
            }
        });
        return problems;
    }

    private interface Entry {
        void accept(String key, String topic, String value);
    }

    private static void forPrefix(Map<String, String> props, String prefix, Entry entry) {
        props.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                String topic = key.substring(prefix.length());
                entry.accept(key, topic, value);
            }
        });
    }
}
