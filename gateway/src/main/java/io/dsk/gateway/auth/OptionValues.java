package io.dsk.gateway.auth;

import io.dsk.gateway.config.ConfigValues;
import io.dsk.gateway.config.DurationFormat;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Typed reads of raw option values by kebab-case key; every error names the key and the expected form.
 */
final class OptionValues {

    private final Map<String, String> values;

    OptionValues(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** The stripped value, empty when the key is absent or blank. */
    Optional<String> text(String key) {
        String value = values.get(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** The value exactly as given (secrets keep their spaces), empty when absent or empty. */
    Optional<String> exact(String key) {
        String value = values.get(key);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    String text(String key, String fallback) {
        return text(key).orElse(fallback);
    }

    /** A present but blank value counts as set-to-empty, unlike {@link #text(String, String)}. */
    String textOrEmpty(String key, String fallback) {
        String value = values.get(key);
        return value == null ? fallback : value.strip();
    }

    boolean bool(String key, boolean fallback) {
        Optional<String> value = text(key);
        if (value.isEmpty()) {
            return fallback;
        }
        switch (value.get().toLowerCase(Locale.ROOT)) {
            case "true":
            case "yes":
            case "on":
                return true;
            case "false":
            case "no":
            case "off":
                return false;
            default:
                throw new IllegalArgumentException(key + " must be true or false, got '" + value.get() + "'");
        }
    }

    Duration duration(String key, Duration fallback) {
        Optional<String> value = text(key);
        return value.isEmpty() ? fallback : parseDuration(key, value.get());
    }

    double nonNegativeNumber(String key, double fallback) {
        Optional<String> value = text(key);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            double number = Double.parseDouble(value.get());
            if (number >= 0 && Double.isFinite(number)) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + " must be a number >= 0, got '" + value.get() + "'");
    }

    int positiveInt(String key, int fallback) {
        Optional<String> value = text(key);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.get());
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + " must be a positive integer, got '" + value.get() + "'");
    }

    int nonNegativeInt(String key, int fallback) {
        Optional<String> value = text(key);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.get());
            if (number >= 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + " must be a whole number >= 0, got '" + value.get() + "'");
    }

    List<String> list(String key) {
        return Grants.splitList(values.get(key));
    }

    /** Parses a duration in the gateway's one format ({@link DurationFormat}), naming the key on error. */
    static Duration parseDuration(String key, String text) {
        try {
            return DurationFormat.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": expected " + DurationFormat.ACCEPTED + ", got '" + text + "'", e);
        }
    }

    /**
     * Reads the given keys from the merged configuration into a plain map, marking each as read so
     * that {@link ConfigValues#rejectUnknown()} accepts them.
     */
    static Map<String, String> read(ConfigValues config, List<String> keys) {
        Map<String, String> values = new HashMap<>();
        for (String key : keys) {
            config.string(key).ifPresent(value -> values.put(key, value));
        }
        return values;
    }
}
