package io.dsk.path;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Values chosen to leave a path segment, fool a decoder or hide as another name: slashes, percent signs,
 * dots, unicode look-alikes, control characters, very long values, and random strings from a fixed seed.
 */
final class HostileValues {

    private HostileValues() {
    }

    static List<String> corpus() {
        List<String> values = new ArrayList<>(List.of(
                ".", "..", "...", "a/b", "/", "//", "../x", "x/..", "\\", "..\\..", "%2F", "%2f", "%252F", "%2E%2E",
                "%2e%2e", "%", "%%", "%25", "%FF", "%C0%AE", "\u0000", "\n", "\r\n", "\t", "\u007F", "\u0085",
                "\u2028", "\uFEFF", "a b", "?x=1", "#frag", "a;b", ";", "a;v2", "*", "**", "{sub}", "${topic}", "é",
                "e\u0301", "\uFF0F", "\u2215", "\uFF0E\uFF0E", "\uD83D\uDE00", "__ds", "__ds/x", "alice@x",
                "alice%40x", "+", " ", "x".repeat(300), "/".repeat(60), ".".repeat(300), "é".repeat(80)));
        Random random = new Random(20_261_204L);
        for (int i = 0; i < 3_000; i++) {
            values.add(randomValue(random));
        }
        return values;
    }

    private static String randomValue(Random random) {
        String alphabet = "./\\%2Ffe\u0000\n\u007F aZ9-_~:@;+?#é\u2215\uFF0E\uD83D\uDE00";
        StringBuilder value = new StringBuilder();
        int length = 1 + random.nextInt(random.nextInt(10) == 0 ? 200 : 10);
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

    static String describe(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        value.codePoints().limit(20).forEach(cp -> out.append(cp < 0x20 || cp > 0x7E
                ? String.format(Locale.ROOT, "\\u%04X", cp) : String.valueOf((char) cp)));
        return out.append(value.length() > 20 ? "...\"" : "\"").toString();
    }
}
