package io.dsk.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Durations on the command line, written as the gateway's options are: a whole number with unit
 * {@code ms}, {@code s}, {@code m} or {@code h} ({@code 500ms}, {@code 30s}, {@code 2m}); a bare
 * number is seconds.
 */
final class Durations implements ITypeConverter<Duration> {

    private static final Pattern DURATION = Pattern.compile("(0|[1-9][0-9]{0,8})(ms|s|m|h)?");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    static Duration parse(String value) {
        Matcher m = DURATION.matcher(value);
        if (!m.matches()) {
            throw new TypeConversionException("'" + value + "' is not a duration; write a whole number with unit"
                    + " ms, s, m or h (500ms, 30s, 2m), or a number of seconds");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }

    static String format(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 != 0 ? ms + "ms" : ms % 60_000 != 0 ? ms / 1000 + "s"
                : ms % 3_600_000 != 0 ? ms / 60_000 + "m" : ms / 3_600_000 + "h";
    }
}
