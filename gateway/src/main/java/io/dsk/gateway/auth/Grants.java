package io.dsk.gateway.auth;

import io.dsk.path.StreamPath;
import io.dsk.path.StreamPathPattern;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Path patterns per {@link Action}: a request is allowed when any pattern of its action matches.
 * Actions are independent: a write grant does not imply read, nor admin write.
 */
final class Grants {

    static final Grants NONE = new Grants(new EnumMap<>(Action.class));

    /** Most patterns a token's grant claim may carry; the rest are ignored. */
    static final int MAX_CLAIM_PATTERNS = 64;

    private final Map<Action, List<StreamPathPattern>> patterns;

    private Grants(Map<Action, List<StreamPathPattern>> patterns) {
        this.patterns = patterns;
    }

    /**
     * Grants from comma-separated pattern lists.
     *
     * @param lists per action, the option value (such as {@code users/{sub}/**,public/**}); may be blank
     * @param optionKey per action, the option the value came from, for error messages
     * @return the grants
     * @throws IllegalArgumentException naming the option whose pattern is malformed
     */
    static Grants parse(Map<Action, String> lists, Function<Action, String> optionKey) {
        Map<Action, List<StreamPathPattern>> parsed = new EnumMap<>(Action.class);
        lists.forEach((action, list) -> {
            List<StreamPathPattern> compiled = new ArrayList<>();
            for (String item : splitList(list)) {
                try {
                    compiled.add(StreamPathPattern.parse(item));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(optionKey.apply(action) + ": " + e.getMessage(), e);
                }
            }
            parsed.put(action, List.copyOf(compiled));
        });
        return new Grants(parsed);
    }

    /**
     * Grants carried in a token claim. Two shapes are accepted: an object of action to pattern list,
     * {@code {"read": ["a/**"], "write": ["a/inbox"]}}, or a list of {@code action:pattern} strings,
     * {@code ["read:a/**", "write:a/inbox"]}. Anything else, and any malformed pattern, grants nothing.
     *
     * @param claim the claim value as the JWT library parsed it; may be null
     * @return the grants, {@link #NONE} when the claim is absent or unusable
     */
    static Grants fromClaim(Object claim) {
        Map<Action, List<StreamPathPattern>> parsed = new EnumMap<>(Action.class);
        int[] budget = {MAX_CLAIM_PATTERNS};
        if (claim instanceof Map<?, ?> byAction) {
            byAction.forEach((key, value) -> actionOf(key).ifPresent(action -> {
                if (value instanceof Collection<?> list) {
                    list.forEach(item -> addClaimPattern(parsed, action, item, budget));
                } else {
                    addClaimPattern(parsed, action, value, budget);
                }
            }));
        } else if (claim instanceof Collection<?> list) {
            for (Object item : list) {
                if (item instanceof String text && text.indexOf(':') > 0) {
                    int colon = text.indexOf(':');
                    actionOf(text.substring(0, colon)).ifPresent(action ->
                            addClaimPattern(parsed, action, text.substring(colon + 1), budget));
                }
            }
        }
        return parsed.isEmpty() ? NONE : new Grants(parsed);
    }

    private static Optional<Action> actionOf(Object key) {
        if (!(key instanceof String text)) {
            return Optional.empty();
        }
        for (Action action : Action.values()) {
            if (action.key().equals(text.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }

    private static void addClaimPattern(Map<Action, List<StreamPathPattern>> parsed, Action action, Object item,
            int[] budget) {
        if (!(item instanceof String text) || budget[0] <= 0) {
            return;
        }
        try {
            StreamPathPattern pattern = StreamPathPattern.parse(text);
            parsed.computeIfAbsent(action, a -> new ArrayList<>()).add(pattern);
            budget[0]--;
        } catch (IllegalArgumentException e) {
            // a malformed pattern in a token grants nothing
        }
    }

    /** Splits a comma-separated option value, dropping blanks. */
    static List<String> splitList(String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        List<String> items = new ArrayList<>();
        for (String item : list.split(",")) {
            if (!item.isBlank()) {
                items.add(item.strip());
            }
        }
        return items;
    }

    /**
     * Whether the action on the path is granted.
     *
     * @param action the request's action
     * @param path the stream path
     * @param claims claim values for {@code {claim}} placeholders, not yet encoded; always empty for anonymous
     *     callers
     * @return true when a pattern of that action matches
     */
    boolean allows(Action action, StreamPath path, Function<String, Optional<String>> claims) {
        for (StreamPathPattern pattern : patterns.getOrDefault(action, List.of())) {
            if (pattern.matches(path, claims)) {
                return true;
            }
        }
        return false;
    }

    /** The patterns of one action. */
    List<StreamPathPattern> patterns(Action action) {
        return Collections.unmodifiableList(patterns.getOrDefault(action, List.of()));
    }

    boolean isEmpty() {
        return patterns.values().stream().allMatch(List::isEmpty);
    }

    @Override
    public String toString() {
        return patterns.toString();
    }
}
