package io.dsk.transforms.record;

import java.math.BigDecimal;

/**
 * Renders scalar record values as text for templates and comparisons. Strings, integral and
 * decimal numbers, booleans and characters have a text form; Structs, Maps, lists, bytes and
 * dates do not, so a template or a check can never depend on a container's {@code toString()}.
 *
 * @since 0.1
 */
public final class ScalarText {

    private ScalarText() {
    }

    /**
     * Returns the text form of a scalar.
     *
     * @param value a record value, possibly {@code null}
     * @return the text, or {@code null} if the value is null or not a scalar
     */
    public static String of(Object value) {
        if (value instanceof String) {
            return (String) value;
        }
        if (value instanceof BigDecimal) {
            return ((BigDecimal) value).toPlainString();
        }
        if (value instanceof Number || value instanceof Boolean || value instanceof Character) {
            return value.toString();
        }
        return null;
    }

    /**
     * Names the kind of a value for error messages, never its content.
     *
     * @param value a record value
     * @return e.g. {@code "null"}, {@code "Struct"}, {@code "Map"}, {@code "byte[]"}
     */
    public static String kindOf(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof java.util.Map) {
            return "Map";
        }
        if (value instanceof java.util.List) {
            return "List";
        }
        return value.getClass().getSimpleName();
    }
}
