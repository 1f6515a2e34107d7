package io.dsk.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of PromQL's top level to test alert rules: the signals an alert compares with its
 * thresholds, and the metric names an expression reads.
 */
public final class PromQlExpressions {

    private static final Set<String> SET_OPERATORS = Set.of("and", "or", "unless");
    private static final List<String> COMPARISONS = List.of("==", "!=", ">=", "<=", ">", "<");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "bool", "offset", "inf", "nan");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![0-9.])\\b([a-zA-Z_:][a-zA-Z0-9_:]*)\\b(\\s*\\()?");

    private PromQlExpressions() {
    }

    /**
     * The signals of an alert expression: the operands of its top-level {@code and}, {@code or} and
     * {@code unless}, each without its top-level comparison with a threshold. For
     * {@code a > 0 and b / c < 0.1} they are {@code a} and {@code b / c}: queries that return data
     * whenever the metrics exist, where the whole expression returns data only while the alert fires.
     */
    public static List<String> signals(String expr) {
        List<String> signals = new ArrayList<>();
        for (String operand : splitTopLevel(expr, true)) {
            signals.add(leftOfComparison(operand).strip());
        }
        return signals;
    }

    /** The metric names the expression reads, e.g. {@code [dsk_ready, up]}. */
    public static Set<String> metricNames(String expr) {
        String bare = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("\\{[^}]*\\}", "")
                .replaceAll("\\[[^\\]]*\\]", "");
        bare = GROUPING.matcher(bare).replaceAll("");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(bare);
        while (m.find()) {
            if (m.group(2) == null && !KEYWORDS.contains(m.group(1).toLowerCase(java.util.Locale.ROOT))) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private static String leftOfComparison(String operand) {
        List<String> parts = splitTopLevel(operand, false);
        return parts.get(0);
    }

    /**
     * Splits at top-level set operators ({@code setOperators}) or at the first top-level comparison;
     * "top level" is outside parentheses, braces, brackets and strings.
     */
    private static List<String> splitTopLevel(String expr, boolean setOperators) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        boolean inString = false;
        for (int i = 0; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if (c == '"') {
                inString = true;
            } else if (c == '(' || c == '{' || c == '[') {
                depth++;
            } else if (c == ')' || c == '}' || c == ']') {
                depth--;
            } else if (depth == 0 && setOperators) {
                String word = wordAt(expr, i);
                if (word != null && SET_OPERATORS.contains(word)) {
                    parts.add(expr.substring(start, i));
                    start = i + word.length();
                    i = start - 1;
                }
            } else if (depth == 0) {
                for (String op : COMPARISONS) {
                    if (expr.startsWith(op, i)) {
                        return List.of(expr.substring(0, i), expr.substring(i + op.length()));
                    }
                }
            }
        }
        parts.add(expr.substring(start));
        return parts;
    }

    /** The word starting at {@code i} if one starts there, surrounded by blanks. */
    private static String wordAt(String expr, int i) {
        if (i == 0 || !Character.isWhitespace(expr.charAt(i - 1))) {
            return null;
        }
        int end = i;
        while (end < expr.length() && Character.isLetter(expr.charAt(end))) {
            end++;
        }
        if (end == i || end >= expr.length() || !Character.isWhitespace(expr.charAt(end))) {
            return null;
        }
        return expr.substring(i, end);
    }
}
