package io.dsk.connector.config;

import java.util.Locale;

/** Which records close the stream they are routed to. */
public enum CloseTrigger {
    /** A record with a null value (a tombstone) closes its stream. */
    TOMBSTONE,
    /** A record with the header {@code ds.close=true} closes its stream after its own value is appended. */
    HEADER,
    /** Either of the above. */
    BOTH,
    /** No record closes a stream. */
    NONE;

    /** @return whether tombstones close streams */
    public boolean onTombstone() {
        return this == TOMBSTONE || this == BOTH;
    }

    /** @return whether the {@code ds.close} header closes streams */
    public boolean onHeader() {
        return this == HEADER || this == BOTH;
    }

    /** @return the value as written in configuration */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The validator and recommender for {@code ds.close.on}. */
    public static final ChoiceValidator<CloseTrigger> CHOICES = ChoiceValidator.of(CloseTrigger.class, CloseTrigger::label);
}
