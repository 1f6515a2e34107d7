package io.dsk.transforms.state;

import java.util.Locale;

/**
 * The State Protocol's change operations, as written in {@code headers.operation}.
 *
 * @since 0.1
 */
public enum Operation {
    /** Creates an entity. */
    INSERT,
    /** Replaces an entity. */
    UPDATE,
    /** Removes an entity. */
    DELETE;

    /**
     * Returns the protocol's spelling.
     *
     * @return {@code insert}, {@code update} or {@code delete}
     */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
