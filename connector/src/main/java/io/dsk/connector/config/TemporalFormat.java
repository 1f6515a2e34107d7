package io.dsk.connector.config;

import java.util.Locale;

/** How Connect {@code Date}, {@code Time} and {@code Timestamp} values are written in JSON. */
public enum TemporalFormat {
    /** ISO-8601 text in UTC: {@code 2024-05-01}, {@code 13:45:30.250}, {@code 2024-05-01T13:45:30.250Z}. */
    ISO8601,
    /** Numbers: days since the epoch, milliseconds of the day, milliseconds since the epoch. */
    EPOCH;

    /** @return the value as written in configuration */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The validator and recommender for {@code ds.json.temporal.format}. */
    public static final ChoiceValidator<TemporalFormat> CHOICES = ChoiceValidator.of(TemporalFormat.class, TemporalFormat::label);
}
