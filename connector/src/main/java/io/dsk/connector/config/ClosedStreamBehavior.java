package io.dsk.connector.config;

import java.util.Locale;

/**
 * What happens to records addressed to a stream that is already closed: late records, such as a progress
 * update that arrives after the job's final message closed its stream. Records the stream already holds
 * (a closing batch redelivered after a restart) are recognised by the source watermark and never count as
 * late.
 */
public enum ClosedStreamBehavior {
    /** The task fails with a message naming the option; nothing is lost, nothing moves on. */
    FAIL,
    /** The records are skipped with a log line and counted in the records-skipped-closed-stream metric. */
    SKIP,
    /** The records are bad records: they go to the errant record reporter per errors.tolerance. */
    DLQ;

    /** @return the value as written in configuration */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The validator and recommender for {@code ds.closed.stream.behavior}. */
    public static final ChoiceValidator<ClosedStreamBehavior> CHOICES =
            ChoiceValidator.of(ClosedStreamBehavior.class, ClosedStreamBehavior::label);
}
