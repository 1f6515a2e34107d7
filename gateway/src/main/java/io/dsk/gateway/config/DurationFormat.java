package io.dsk.gateway.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as operators write them: a whole number followed by {@code ms}, {@code s}, {@code m},
 * {@code h} or {@code d}, such as {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h} or {@code 7d}.
 */
public final class DurationFormat {

    /** What {@link #parse} accepts, for error messages and usage text. */
    public static final String ACCEPTED = "a whole number with unit ms, s, m, h or d, e.g. 500ms, 30s, 2m, 1h, 7d";

    private static final Pattern SHAPE = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h|d)");

    private DurationFormat() {
    }

    /**
     * @param text the duration, e.g. {@code 30s}; surrounding blanks and case are ignored
     * @return the duration
     * @throws IllegalArgumentException if the text has another shape
     */
    public static Duration parse(String text) {
        Matcher m = SHAPE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("expected " + ACCEPTED + ", got '" + text + "'");
        }
        long amount = Long.parseLong(m.group(1));
        switch (m.group(2)) {
            case "ms":
                return Duration.ofMillis(amount);
            case "s":
                return Duration.ofSeconds(amount);
            case "m":
                return Duration.ofMinutes(amount);
            case "d":
                return Duration.ofDays(amount);
            default:
                return Duration.ofHours(amount);
        }
    }

    /**
     * @param duration a duration
     * @return the shortest exact form {@link #parse} reads back, e.g. {@code 30s} or {@code 1500ms}
     */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 3_600_000 == 0 && millis != 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0 && millis != 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }
}
