package io.dsk.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How values of one kind are written: the one set of rules for booleans, numbers, durations, sizes
 * and lists that every gateway option follows, wherever its value comes from.
 *
 * @param <T> the parsed value
 */
public final class OptionType<T> {

    /** {@code true} or {@code false}, any case. A flag given without a value is {@code true}. */
    public static final OptionType<Boolean> BOOLEAN = new OptionType<>("BOOL", "true or false",
            OptionType::parseBoolean, String::valueOf, false);
    /** A whole number in {@code int} range. */
    public static final OptionType<Integer> INTEGER = new OptionType<>("N", "a whole number",
            Integer::valueOf, String::valueOf, false);
    /** A whole number in {@code long} range. */
    public static final OptionType<Long> LONG = new OptionType<>("N", "a whole number",
            Long::valueOf, String::valueOf, false);
    /** A decimal number such as {@code 5} or {@code 0.5}. */
    public static final OptionType<Double> NUMBER = new OptionType<>("NUMBER", "a number such as 5 or 0.5",
            OptionType::parseNumber, OptionType::formatNumber, false);
    /** A duration, see {@link DurationFormat}. */
    public static final OptionType<Duration> DURATION = new OptionType<>("DURATION", DurationFormat.ACCEPTED,
            DurationFormat::parse, DurationFormat::format, false);
    /** A byte size, see {@link ByteSizeFormat}. */
    public static final OptionType<Long> SIZE = new OptionType<>("SIZE", ByteSizeFormat.ACCEPTED,
            ByteSizeFormat::parse, ByteSizeFormat::format, false);
    /** A byte size that must fit an {@code int}. */
    public static final OptionType<Integer> INT_SIZE = new OptionType<>("SIZE", ByteSizeFormat.ACCEPTED,
            OptionType::parseIntSize, size -> ByteSizeFormat.format(size), false);
    /** Text; blanks around it are dropped. */
    public static final OptionType<String> TEXT = new OptionType<>("VALUE", "text",
            Function.identity(), Function.identity(), false);
    /** Text taken exactly as given, blanks included (secrets and passwords). */
    public static final OptionType<String> SECRET = new OptionType<>("SECRET", "text",
            Function.identity(), secret -> "<redacted>", true);
    /** A file or directory. */
    public static final OptionType<Path> PATH = new OptionType<>("PATH", "a file name",
            Path::of, Path::toString, false);
    /** Items separated by commas; blanks around items and empty items are dropped. */
    public static final OptionType<List<String>> LIST = new OptionType<>("LIST", "items separated by commas",
            OptionType::parseList, list -> String.join(",", list), false);

    private final String label;
    private final String accepted;
    private final Function<String, T> parse;
    private final Function<T, String> format;
    private final boolean exact;

    private OptionType(String label, String accepted, Function<String, T> parse, Function<T, String> format,
                       boolean exact) {
        this.label = label;
        this.accepted = accepted;
        this.parse = parse;
        this.format = format;
        this.exact = exact;
    }

    /** How a value is shown in usage and docs, such as {@code DURATION}. */
    public String label() {
        return label;
    }

    /** What is accepted, in words, for error messages. */
    public String accepted() {
        return accepted;
    }

    /**
     * @param text the value as written
     * @return the value
     * @throws IllegalArgumentException if the text has another shape; a {@link Refusal} carries its own words
     */
    public T parse(String text) {
        return parse.apply(exact ? text : text.strip());
    }

    /**
     * @param value a value
     * @return the form {@link #parse} reads back (secrets are never shown)
     */
    public String format(T value) {
        return format.apply(value);
    }

    /** Whether values keep the blanks around them. */
    boolean exact() {
        return exact;
    }

    private static Boolean parseBoolean(String text) {
        String v = text.toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException(text);
        }
        return Boolean.valueOf(v);
    }

    private static Double parseNumber(String text) {
        double number = Double.parseDouble(text);
        if (!Double.isFinite(number)) {
            throw new IllegalArgumentException(text);
        }
        return number;
    }

    private static String formatNumber(Double number) {
        return number == Math.rint(number) && Math.abs(number) < 1e15
                ? Long.toString(number.longValue()) : Double.toString(number);
    }

    private static Integer parseIntSize(String text) {
        long size = ByteSizeFormat.parse(text);
        if (size > Integer.MAX_VALUE) {
            throw new Refusal("at most " + Integer.MAX_VALUE + " bytes, got " + size);
        }
        return (int) size;
    }

    private static List<String> parseList(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(item -> !item.isEmpty())
                .collect(Collectors.toUnmodifiableList());
    }

    /** A value of the right shape that is still refused; its message is shown as it is. */
    public static final class Refusal extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public Refusal(String message) {
            super(message);
        }
    }
}
