package io.dsk.gateway.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON mode framing (PROTOCOL.md 9.1). A body is validated and a top-level array flattened one
 * level into messages; each message is stored as its compact JSON followed by a comma, so that a
 * read of any whole-message range is a valid array once wrapped in brackets.
 */
public final class JsonMessages {

    private static final byte[] EMPTY_ARRAY = {'[', ']'};
    private static final byte[] OPEN = {'['};
    private static final byte[] CLOSE = {']'};
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(1000).maxStringLength(Integer.MAX_VALUE).maxNumberLength(10_000).build());
    }

    private JsonMessages() {
    }

    /**
     * Splits a JSON body into stored message entries.
     *
     * @param allowEmptyArray true for create (where {@code []} means no initial messages), false for append
     * @throws ProtocolException 400 if the body is not valid JSON, or an empty array where not allowed
     */
    public static List<byte[]> toEntries(byte[] body, boolean allowEmptyArray) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ProtocolException.badRequest("body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ProtocolException.badRequest("body is not valid JSON");
        }
        if (root == null || root.isMissingNode()) {
            throw ProtocolException.badRequest("body is not valid JSON: it is empty");
        }
        List<byte[]> entries = new ArrayList<>();
        if (root.isArray()) {
            if (root.isEmpty() && !allowEmptyArray) {
                throw ProtocolException.badRequest("an empty JSON array appends nothing; send at least one message");
            }
            for (JsonNode element : root) {
                entries.add(entry(element));
            }
        } else {
            entries.add(entry(root));
        }
        return entries;
    }

    /** Wraps stored entries (each ending in a comma) as a JSON array. */
    public static byte[] toArray(byte[] entries) {
        if (entries.length == 0) {
            return EMPTY_ARRAY.clone();
        }
        byte[] array = new byte[entries.length + 1];
        array[0] = '[';
        System.arraycopy(entries, 0, array, 1, entries.length - 1);
        array[array.length - 1] = ']';
        return array;
    }

    /**
     * Like {@link #toArray}, without copying the entries: the array as buffers to write back to
     * back ({@code [}, the entries without their final comma, {@code ]}).
     */
    public static ByteBuffer[] arrayParts(byte[] entries) {
        if (entries.length == 0) {
            return new ByteBuffer[] {ByteBuffer.wrap(EMPTY_ARRAY.clone())};
        }
        return new ByteBuffer[] {ByteBuffer.wrap(OPEN.clone()), ByteBuffer.wrap(entries, 0, entries.length - 1),
            ByteBuffer.wrap(CLOSE.clone())};
    }

    private static byte[] entry(JsonNode node) {
        try {
            byte[] json = MAPPER.writeValueAsBytes(node);
            byte[] entry = new byte[json.length + 1];
            System.arraycopy(json, 0, entry, 0, json.length);
            entry[json.length] = ',';
            return entry;
        } catch (JsonProcessingException e) {
            throw ProtocolException.badRequest("body is not valid JSON");
        }
    }
}
