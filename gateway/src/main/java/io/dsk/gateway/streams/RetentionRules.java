package io.dsk.gateway.streams;

import io.dsk.gateway.config.ByteSizeFormat;
import io.dsk.gateway.config.DurationFormat;
import io.dsk.gateway.store.RetentionPolicy;
import io.dsk.path.StreamPath;
import io.dsk.path.StreamPathPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The configured retention policies by stream path pattern ({@code retention}), resolved once, when
 * a stream is created; the result is stored with the stream, so a later change of the configuration
 * applies to streams created after it only.
 *
 * <p>Each rule is {@code PATTERN BOUND [BOUND]}, a bound being a maximum age (a duration such as
 * {@code 7d} or {@code 12h}) or a maximum size (a byte size such as {@code 1GiB} or {@code 65536}):
 * {@code dashboards/** 7d}, {@code metrics/** 1GiB}, {@code logs/** 1d 512MiB}. The first rule whose
 * pattern matches the path applies. A stream created with its own bounds
 * ({@code DSK-Retention-Max-Age}, {@code DSK-Retention-Max-Bytes}) keeps the stricter of the two on
 * each bound: a create may shorten what the operator configured, never lengthen it.
 */
public final class RetentionRules {

    /** What a rule looks like, for error messages and docs. */
    public static final String ACCEPTED = "PATTERN then a maximum age (e.g. 7d, 12h) and/or a maximum size "
            + "(e.g. 1GiB, 64MiB), such as dashboards/** 7d";

    /** No rules: only streams created with retention headers have a policy. */
    public static final RetentionRules NONE = new RetentionRules(List.of());

    private record Rule(StreamPathPattern pattern, RetentionPolicy policy) {
    }

    private final List<Rule> rules;

    private RetentionRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * @param items the rules, in order
     * @return the rules
     * @throws IllegalArgumentException saying which rule is malformed and why
     */
    public static RetentionRules parse(List<String> items) {
        List<Rule> rules = new ArrayList<>();
        for (String item : items) {
            rules.add(rule(item));
        }
        return new RetentionRules(rules);
    }

    private static Rule rule(String item) {
        String[] words = item.strip().split("\\s+");
        if (words.length < 2 || words.length > 3) {
            throw new IllegalArgumentException("expected " + ACCEPTED + ", got '" + item + "'");
        }
        StreamPathPattern pattern = StreamPathPattern.parse(words[0]);
        if (!pattern.placeholders().isEmpty()) {
            throw new IllegalArgumentException("a retention pattern cannot hold {placeholders}: '" + item + "'");
        }
        long age = -1;
        long bytes = -1;
        for (int i = 1; i < words.length; i++) {
            boolean duration = isDuration(words[i]);
            if (duration ? age >= 0 : bytes >= 0) {
                throw new IllegalArgumentException("two maximum " + (duration ? "ages" : "sizes") + " in '" + item + "'");
            }
            long value;
            try {
                value = duration ? DurationFormat.parse(words[i]).toMillis() : ByteSizeFormat.parse(words[i]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("expected " + ACCEPTED + ", got '" + item + "'");
            }
            if (duration) {
                age = positive(value, item);
            } else {
                bytes = positive(value, item);
            }
        }
        return new Rule(pattern, new RetentionPolicy(age, bytes));
    }

    private static boolean isDuration(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        return w.endsWith("ms") || w.endsWith("s") || w.endsWith("m") || w.endsWith("h") || w.endsWith("d");
    }

    private static long positive(long value, String item) {
        if (value <= 0) {
            throw new IllegalArgumentException("retention bounds must be positive: '" + item + "'");
        }
        return value;
    }

    /**
     * The policy a stream created at {@code path} gets.
     *
     * @param path the stream path
     * @param requested the bounds the create asked for, {@link RetentionPolicy#NONE} if none
     * @return the first matching rule's policy made stricter by the requested one, or the requested
     *         one where no rule matches
     */
    public RetentionPolicy resolve(String path, RetentionPolicy requested) {
        if (rules.isEmpty()) {
            return requested;
        }
        StreamPath streamPath = StreamPath.fromName(path);
        for (Rule rule : rules) {
            if (rule.pattern().matches(streamPath, name -> Optional.empty())) {
                return rule.policy().stricter(requested);
            }
        }
        return requested;
    }
}
