package io.dsk.transforms;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Values chosen to break out of a path segment, plus random strings from a fixed seed. */
public final class HostileValues {

    private HostileValues() {
    }

    public static List<String> corpus() {
        List<String> values = new ArrayList<>(List.of(
                ".", "..", "...", "a/b", "/", "//", "../x", "x/..", "\\", "..\\..", "%2F", "%2f", "%252F", "%2E%2E",
                "%2e%2e", "%", "%%", "\u0000", "\n", "\r\n", "\t", "\u007F", "\u0085", "\u2028", "a b", "?x=1",
                "#frag", "a;b", "*", "**", "{audience}", "${topic}", "é", "e\u0301", "\uFF0F", "\u2215",
                "\uD83D\uDE00", "tenant-1", "TENANT-1", "ａ", "x".repeat(200), "/".repeat(50), ".".repeat(300)));
        Random random = new Random(20_260_124L);
        for (int i = 0; i < 2_000; i++) {
            values.add(randomValue(random));
        }
        return values;
    }

    private static String randomValue(Random random) {
        String alphabet = "./\\%2Ffe\u0000\n aZ9-_~:@é\uD83D\uDE00";
        StringBuilder value = new StringBuilder();
        int length = 1 + random.nextInt(8);
        while (value.length() < length) {
            int at = random.nextInt(alphabet.length());
            char c = alphabet.charAt(at);
            if (Character.isHighSurrogate(c)) {
                value.append(c).append(alphabet.charAt(at + 1));
            } else if (!Character.isLowSurrogate(c)) {
                value.append(c);
            }
        }
        return value.toString();
    }

    public static String describe(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        value.codePoints().limit(20).forEach(cp -> out.append(cp < 0x20 || cp > 0x7E
                ? String.format(Locale.ROOT, "\\u%04X", cp) : String.valueOf((char) cp)));
        return out.append(value.length() > 20 ? "...\"" : "\"").toString();
    }
}
