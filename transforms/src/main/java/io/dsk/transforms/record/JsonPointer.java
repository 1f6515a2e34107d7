package io.dsk.transforms.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * An RFC 6901 JSON pointer evaluated over Connect data: Struct fields and Map entries by name, list
 * elements by index ({@code 0}, {@code 1}, ... without leading zeros). {@code ~1} stands for
 * {@code /} and {@code ~0} for {@code ~} in a token. The empty pointer is the whole document.
 *
 * @since 0.1
 */
public final class JsonPointer {

    private final String text;
    private final List<String> tokens;

    private JsonPointer(String text, List<String> tokens) {
        this.text = text;
        this.tokens = tokens;
    }

    /**
     * Parses a pointer.
     *
     * @param text e.g. {@code /customer/address/city} or {@code /items/0/sku}
     * @return the pointer
     * @throws IllegalArgumentException if the text is not empty and does not start with {@code /},
     *     or holds a {@code ~} not followed by {@code 0} or {@code 1}
     */
    public static JsonPointer parse(String text) {
        if (text.isEmpty()) {
            return new JsonPointer(text, List.of());
        }
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("JSON pointer '" + text + "' must start with '/'");
        }
        List<String> tokens = new ArrayList<>();
        for (String raw : text.substring(1).split("/", -1)) {
            if (raw.replace("~0", "").replace("~1", "").contains("~")) {
                throw new IllegalArgumentException("JSON pointer '" + text + "' has a '~' not followed by 0 or 1");
            }
            tokens.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return new JsonPointer(text, List.copyOf(tokens));
    }

    /**
     * Evaluates the pointer.
     *
     * @param root a Struct, Map, List or scalar
     * @param ifMissing what to return when a step does not exist
     * @return the value the pointer names (possibly {@code null}), or {@code ifMissing}
     */
    public Object resolve(Object root, Object ifMissing) {
        Object current = root;
        for (String token : tokens) {
            if (current instanceof Struct struct) {
                Field field = struct.schema().field(token);
                if (field == null) {
                    return ifMissing;
                }
                current = struct.get(field);
            } else if (current instanceof Map<?, ?> map) {
                if (!map.containsKey(token)) {
                    return ifMissing;
                }
                current = map.get(token);
            } else if (current instanceof List<?> list) {
                int index = index(token);
                if (index < 0 || index >= list.size()) {
                    return ifMissing;
                }
                current = list.get(index);
            } else {
                return ifMissing;
            }
        }
        return current;
    }

    /**
     * Evaluates the pointer over a schema.
     *
     * @param root the schema of the document
     * @return the schema of the value the pointer names, or {@code null} if the schema has no such place
     */
    public Schema resolveSchema(Schema root) {
        Schema current = root;
        for (String token : tokens) {
            switch (current.type()) {
                case STRUCT:
                    Field field = current.field(token);
                    if (field == null) {
                        return null;
                    }
                    current = field.schema();
                    break;
                case MAP:
                    if (current.keySchema().type() != Schema.Type.STRING) {
                        return null;
                    }
                    current = current.valueSchema();
                    break;
                case ARRAY:
                    if (index(token) < 0) {
                        return null;
                    }
                    current = current.valueSchema();
                    break;
                default:
                    return null;
            }
        }
        return current;
    }

    private static int index(String token) {
        if (token.isEmpty() || token.length() > 9 || (token.length() > 1 && token.charAt(0) == '0')
                || !token.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Integer.parseInt(token);
    }

    @Override
    public String toString() {
        return text;
    }
}
