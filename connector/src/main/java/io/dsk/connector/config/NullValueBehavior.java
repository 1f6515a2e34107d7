package io.dsk.connector.config;

import java.util.Locale;

/** What happens to a record whose value is null when tombstones do not close streams. */
public enum NullValueBehavior {
    /** The record is skipped; its offset counts as delivered. */
    SKIP,
    /** The record closes its stream, as if {@code ds.close.on} included tombstones. */
    CLOSE,
    /** The record is a bad record: it goes to the errant record reporter (DLQ) or fails the task. */
    FAIL;

    /** @return the value as written in configuration */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The validator and recommender for {@code ds.null.value.behavior}. */
    public static final ChoiceValidator<NullValueBehavior> CHOICES =
            ChoiceValidator.of(NullValueBehavior.class, NullValueBehavior::label);
}
