package io.dsk.gateway.auth;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed reads of raw option values by kebab-case key; every error names the key and the expected form.
 */
final class OptionValues {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)?");

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

    List<String> list(String key) {
        return Grants.splitList(values.get(key));
    }

    /**
     * Parses {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d}, a bare number of seconds,
     * or ISO-8601 such as {@code PT30S}.
     */
    static Duration parseDuration(String key, String text) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> Duration.ofSeconds(amount);
            };
        }
        try {
            Duration d = Duration.parse(text.strip().toUpperCase(Locale.ROOT));
            if (!d.isNegative()) {
                return d;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + " must be a duration such as 500ms, 30s, 5m or 1h, got '"
                + text + "'");
    }
}
