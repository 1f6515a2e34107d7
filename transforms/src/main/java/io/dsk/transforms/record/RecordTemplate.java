package io.dsk.transforms.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Struct;

/**
 * Text with placeholders {@code ${REFERENCE}} filled in from a record, where REFERENCE is any
 * {@link RecordReference} form: {@code ${topic}}, {@code ${partition}}, {@code ${key}},
 * {@code ${key.FIELD}}, {@code ${value.FIELD.PATH}}, {@code ${header.NAME}}. Braces appear only
 * as {@code ${...}}; a {@code $} not followed by {@code {} is literal text.
 *
 * @since 0.1
 */
public final class RecordTemplate {

    /** One piece of a template. */
    public sealed interface Part permits Literal, Placeholder {
    }

    /**
     * Literal text.
     *
     * @param text the text
     */
    public record Literal(String text) implements Part {
    }

    /**
     * A placeholder.
     *
     * @param reference what it reads from the record
     */
    public record Placeholder(RecordReference reference) implements Part {

        /**
         * Resolves the placeholder to its scalar text.
         *
         * @param record the record
         * @return the text, or why there is none (missing, null or not a scalar)
         */
        public TemplateResult render(ConnectRecord<?> record) {
            Object value = reference.resolve(record);
            String scalar = ScalarText.of(value);
            if (scalar != null) {
                return TemplateResult.of(scalar);
            }
            if (value == null) {
                return TemplateResult.unresolved(this + " is missing or null");
            }
            boolean container = value instanceof Struct || value instanceof Map;
            return TemplateResult.unresolved(this + " is a " + ScalarText.kindOf(value)
                    + ", not a string, number or boolean" + (container ? "; point it at a field inside" : ""));
        }

        @Override
        public String toString() {
            return "${" + reference.text() + "}";
        }
    }

    private final String text;
    private final List<Part> parts;

    private RecordTemplate(String text, List<Part> parts) {
        this.text = text;
        this.parts = parts;
    }

    /**
     * Parses a template.
     *
     * @param text the template
     * @return the parsed template
     * @throws IllegalArgumentException if braces are unbalanced or nested, or a placeholder is unknown
     */
    public static RecordTemplate parse(String text) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                int close = text.indexOf('}', i + 2);
                if (close < 0) {
                    throw new IllegalArgumentException("unbalanced braces: '${' at position " + i + " is never closed by '}'");
                }
                String inner = text.substring(i + 2, close);
                if (inner.indexOf('{') >= 0) {
                    throw new IllegalArgumentException("unbalanced braces: placeholders cannot nest (position " + i + ")");
                }
                flush(literal, parts);
                parts.add(new Placeholder(placeholder(inner)));
                i = close + 1;
            } else if (c == '{' || c == '}') {
                throw new IllegalArgumentException("unbalanced braces: '" + c + "' at position " + i
                        + " is not part of a ${...} placeholder");
            } else {
                literal.append(c);
                i++;
            }
        }
        flush(literal, parts);
        return new RecordTemplate(text, List.copyOf(parts));
    }

    private static RecordReference placeholder(String inner) {
        try {
            return RecordReference.parse(inner);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown placeholder ${" + inner + "}; placeholders are ${topic}, ${partition},"
                    + " ${key}, ${key.FIELD}, ${value.FIELD.PATH} and ${header.NAME}", e);
        }
    }

    private static void flush(StringBuilder literal, List<Part> parts) {
        if (literal.length() > 0) {
            parts.add(new Literal(literal.toString()));
            literal.setLength(0);
        }
    }

    /**
     * Renders the template for a record. Every placeholder must resolve to a scalar
     * ({@link ScalarText}); an empty string is allowed.
     *
     * @param record the record
     * @return the text, or the first placeholder that is missing, null or not a scalar
     */
    public TemplateResult render(ConnectRecord<?> record) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Literal literal) {
                out.append(literal.text());
            } else {
                TemplateResult value = ((Placeholder) part).render(record);
                if (!value.resolved()) {
                    return value;
                }
                out.append(value.text());
            }
        }
        return TemplateResult.of(out.toString());
    }

    /**
     * Returns the template's parts in order.
     *
     * @return literals and placeholders
     */
    public List<Part> parts() {
        return parts;
    }

    /**
     * Tells whether any placeholder reads the record value.
     *
     * @return {@code true} if rendering needs a non-null value
     */
    public boolean readsValue() {
        return parts.stream().anyMatch(p -> p instanceof Placeholder placeholder && placeholder.reference().readsValue());
    }

    /**
     * Tells whether the template has no placeholder.
     *
     * @return {@code true} for a constant
     */
    public boolean isConstant() {
        return parts.stream().allMatch(p -> p instanceof Literal);
    }

    @Override
    public String toString() {
        return text;
    }
}
