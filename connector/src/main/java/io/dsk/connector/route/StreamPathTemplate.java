package io.dsk.connector.route;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * A stream path template such as {@code tenants/${header.tenant}/orders/${key}}.
 *
 * <p>Variables are {@code ${topic}}, {@code ${partition}}, {@code ${key}}, {@code ${header.NAME}} and
 * {@code ${value.FIELD.PATH}} (a dotted path into a Struct or Map value). Every substituted value is
 * escaped with {@link PathSegments#escape(String)}, so it can never leave its path segment.
 */
public final class StreamPathTemplate {

    private final String text;
    private final List<Object> parts;

    private StreamPathTemplate(String text, List<Object> parts) {
        this.text = text;
        this.parts = parts;
    }

    /**
     * Parses and checks a template.
     *
     * @param text the template
     * @return the parsed template
     * @throws IllegalArgumentException naming the problem if the template is invalid
     */
    public static StreamPathTemplate parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the template is empty");
        }
        List<Object> parts = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("${", i);
            if (open < 0) {
                parts.add(literal(text.substring(i)));
                break;
            }
            if (open > i) {
                parts.add(literal(text.substring(i, open)));
            }
            int close = text.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException("'${' at index " + open + " has no closing '}'");
            }
            parts.add(TemplateVariable.parse(text.substring(open + 2, close)));
            i = close + 1;
        }
        checkSegments(text, parts);
        return new StreamPathTemplate(text, List.copyOf(parts));
    }

    private static String literal(String literal) {
        for (String piece : literal.split("/", -1)) {
            String problem = PathSegments.problemWithLiteral(piece);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
        }
        return literal;
    }

    private static void checkSegments(String text, List<Object> parts) {
        if (text.startsWith("/") || text.endsWith("/")) {
            throw new IllegalArgumentException("the template must not start or end with '/'");
        }
        StringBuilder shape = new StringBuilder();
        for (Object part : parts) {
            shape.append(part instanceof String ? (String) part : "v");
        }
        for (String segment : shape.toString().split("/", -1)) {
            if (segment.isEmpty()) {
                throw new IllegalArgumentException("the template has an empty segment ('//')");
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("the template has a '" + segment + "' segment");
            }
        }
    }

    /**
     * Renders the stream path for a record.
     *
     * @param record the record
     * @return the path, relative to the gateway's stream base URL, with every value escaped
     * @throws RoutingException if a variable has no usable value in this record
     */
    public String render(SinkRecord record) {
        StringBuilder path = new StringBuilder(64);
        for (Object part : parts) {
            if (part instanceof String) {
                path.append((String) part);
            } else {
                path.append(PathSegments.escape(((TemplateVariable) part).resolve(record)));
            }
        }
        return path.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
