package io.dsk.transforms.record;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;

/**
 * A reference to one piece of a record, written as text in configuration:
 * <ul>
 *   <li>{@code topic}, {@code partition}: the record's coordinates;</li>
 *   <li>{@code key}, {@code value}: the whole key or value;</li>
 *   <li>{@code key.FIELD.PATH}, {@code value.FIELD.PATH}: a dot path into a Struct or Map;</li>
 *   <li>{@code header.NAME}: the last header with that name (the name may itself hold dots).</li>
 * </ul>
 * A field name cannot contain a dot, since the dot separates path steps.
 *
 * @since 0.1
 */
public final class RecordReference {

    /** The forms accepted by {@link #parse(String)}, for error messages and docs. */
    public static final String FORMS = "topic, partition, key, key.FIELD.PATH, value, value.FIELD.PATH or header.NAME";

    private enum Source { TOPIC, PARTITION, KEY, VALUE, HEADER }

    private final String text;
    private final Source source;
    private final List<String> fieldPath;
    private final String headerName;

    private RecordReference(String text, Source source, List<String> fieldPath, String headerName) {
        this.text = text;
        this.source = source;
        this.fieldPath = fieldPath;
        this.headerName = headerName;
    }

    /**
     * Parses a reference.
     *
     * @param text the reference, e.g. {@code value.customer.tenant}
     * @return the parsed reference
     * @throws IllegalArgumentException naming the accepted forms if the text is none of them
     */
    public static RecordReference parse(String text) {
        switch (text) {
            case "topic":
                return new RecordReference(text, Source.TOPIC, List.of(), null);
            case "partition":
                return new RecordReference(text, Source.PARTITION, List.of(), null);
            case "key":
                return new RecordReference(text, Source.KEY, List.of(), null);
            case "value":
                return new RecordReference(text, Source.VALUE, List.of(), null);
            default:
                break;
        }
        if (text.startsWith("header.") && text.length() > "header.".length()) {
            return new RecordReference(text, Source.HEADER, List.of(), text.substring("header.".length()));
        }
        if (text.startsWith("key.")) {
            return new RecordReference(text, Source.KEY, fieldPath(text, "key."), null);
        }
        if (text.startsWith("value.")) {
            return new RecordReference(text, Source.VALUE, fieldPath(text, "value."), null);
        }
        throw new IllegalArgumentException("'" + text + "' is not a record reference; use " + FORMS);
    }

    private static List<String> fieldPath(String text, String prefix) {
        List<String> steps = Arrays.asList(text.substring(prefix.length()).split("\\.", -1));
        if (steps.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("'" + text + "' has an empty field name; write " + prefix + "FIELD.PATH");
        }
        return List.copyOf(steps);
    }

    /**
     * Looks the reference up in a record.
     *
     * @param record the record
     * @return the value found, or {@code null} if it is absent or null
     */
    public Object resolve(ConnectRecord<?> record) {
        switch (source) {
            case TOPIC:
                return record.topic();
            case PARTITION:
                return record.kafkaPartition();
            case KEY:
                return walk(record.key(), fieldPath);
            case VALUE:
                return walk(record.value(), fieldPath);
            default:
                Header header = record.headers().lastWithName(headerName);
                return header == null ? null : header.value();
        }
    }

    /**
     * Follows field names through nested Structs and Maps.
     *
     * @param root the Struct or Map to start from
     * @param steps the field names, outermost first
     * @return the value at the end of the path, or {@code null} if a step is absent or null
     */
    public static Object walk(Object root, List<String> steps) {
        Object current = root;
        for (String step : steps) {
            if (current instanceof Struct struct) {
                Field field = struct.schema().field(step);
                current = field == null ? null : struct.get(field);
            } else if (current instanceof Map<?, ?> map) {
                current = map.get(step);
            } else {
                return null;
            }
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    /**
     * Tells whether this reference reads the record value, which a tombstone lacks.
     *
     * @return {@code true} for {@code value} and {@code value.FIELD.PATH}
     */
    public boolean readsValue() {
        return source == Source.VALUE;
    }

    /**
     * Tells whether this reference reads a header.
     *
     * @return {@code true} for {@code header.NAME}
     */
    public boolean isHeader() {
        return source == Source.HEADER;
    }

    /**
     * Returns the reference as written.
     *
     * @return the configuration text
     */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
