package io.dsk.connector.config;

import java.util.Locale;

/** How Connect {@code Decimal} values are written in JSON. */
public enum DecimalFormat {
    /** As a JSON string holding the exact plain decimal, e.g. {@code "12.340"}: never loses precision. */
    STRING,
    /** As a JSON number, e.g. {@code 12.340}: readers that parse into doubles may lose precision. */
    NUMBER;

    /** @return the value as written in configuration */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The validator and recommender for {@code ds.json.decimal.format}. */
    public static final ChoiceValidator<DecimalFormat> CHOICES = ChoiceValidator.of(DecimalFormat.class, DecimalFormat::label);
}
