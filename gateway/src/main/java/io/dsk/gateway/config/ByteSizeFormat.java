package io.dsk.gateway.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte sizes as operators write them: a plain number of bytes ({@code 1048576}) or a whole number
 * with a binary unit {@code KiB}, {@code MiB} or {@code GiB} ({@code 64KiB}, {@code 16MiB}).
 */
public final class ByteSizeFormat {

    /** What {@link #parse} accepts, for error messages and usage text. */
    public static final String ACCEPTED = "a number of bytes, optionally with unit KiB, MiB or GiB, e.g. 1048576, 64KiB, 16MiB";

    private static final Pattern SHAPE = Pattern.compile("(\\d{1,15})\\s*(|b|kib|mib|gib)");

    private ByteSizeFormat() {
    }

    /**
     * @param text the size, e.g. {@code 16MiB}; surrounding blanks and the unit's case are ignored
     * @return the size in bytes
     * @throws IllegalArgumentException if the text has another shape or overflows
     */
    public static long parse(String text) {
        Matcher m = SHAPE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("expected " + ACCEPTED + ", got '" + text + "'");
        }
        long amount = Long.parseLong(m.group(1));
        int shift = shiftOf(m.group(2));
        if (amount > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("size '" + text + "' is too large");
        }
        return amount << shift;
    }

    /**
     * @param bytes a size
     * @return the shortest exact form {@link #parse} reads back, e.g. {@code 16MiB} or {@code 1000}
     */
    public static String format(long bytes) {
        String[] units = {"GiB", "MiB", "KiB"};
        int[] shifts = {30, 20, 10};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << shifts[i];
            if (bytes != 0 && bytes % unit == 0) {
                return (bytes / unit) + units[i];
            }
        }
        return Long.toString(bytes);
    }

    private static int shiftOf(String unit) {
        switch (unit) {
            case "kib":
                return 10;
            case "mib":
                return 20;
            case "gib":
                return 30;
            default:
                return 0;
        }
    }
}
