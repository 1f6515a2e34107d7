package io.dsk.gateway.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * JSON mode framing (PROTOCOL.md 9.1). A body is validated and a top-level array flattened one
 * level into messages; each message is stored as compact JSON followed by a comma, so that a read
 * of any whole-message range is a valid array once wrapped in brackets.
 */
public final class JsonMessages {

    private static final byte[] EMPTY_ARRAY = {'[', ']'};
    private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
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
     * Splits a JSON body into stored message entries. The body must be UTF-8 (RFC 8259 8.1), checked
     * strictly (RFC 3629) before anything else, without a byte order mark; then a streaming parse
     * checks syntax, nesting and number limits. A message that is already compact is stored as its own
     * bytes, any other is re-written compactly.
     *
     * @param allowEmptyArray true for create (where {@code []} means no initial messages), false for append
     * @throws ProtocolException 400 if the body is not valid JSON in UTF-8, or an empty array where not allowed
     */
    public static List<byte[]> toEntries(byte[] body, boolean allowEmptyArray) {
        requireUtf8(body);
        try (JsonParser parser = MAPPER.getFactory().createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw ProtocolException.badRequest("body is not valid JSON: it is empty");
            }
            List<byte[]> entries = new ArrayList<>();
            if (first == JsonToken.START_ARRAY) {
                for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                    entries.add(entry(parser, body));
                }
                if (entries.isEmpty() && !allowEmptyArray) {
                    throw ProtocolException.badRequest("an empty JSON array appends nothing; send at least one message");
                }
            } else {
                entries.add(entry(parser, body));
            }
            if (parser.nextToken() != null) {
                throw ProtocolException.badRequest("body is not valid JSON: more content follows the message");
            }
            return entries;
        } catch (JsonProcessingException e) {
            throw ProtocolException.badRequest("body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ProtocolException.badRequest("body is not valid JSON");
        }
    }

    /**
     * Refuses what is not UTF-8 JSON before the parser sees it. Jackson guesses the encoding of a byte
     * body from its first bytes (a byte order mark, or zero bytes as in UTF-16 and UTF-32) and then
     * reports offsets in characters of that encoding; with neither present it reads UTF-8, so the
     * offsets that {@link #entry} cuts the body at are byte offsets. A zero byte never occurs in JSON
     * (outside strings only whitespace may stand between tokens, inside them control characters must
     * be escaped), so refusing it refuses no valid message.
     */
    private static void requireUtf8(byte[] body) {
        if (body.length >= BYTE_ORDER_MARK.length
                && Arrays.equals(body, 0, BYTE_ORDER_MARK.length, BYTE_ORDER_MARK, 0, BYTE_ORDER_MARK.length)) {
            throw ProtocolException.badRequest("body starts with a byte order mark; send JSON as UTF-8 without one");
        }
        Utf8Text.requireValid(body, "body");
        for (int i = 0; i < body.length; i++) {
            if (body[i] == 0) {
                throw ProtocolException.badRequest("body is not valid JSON: it holds a zero byte at " + i
                        + " (JSON bodies are UTF-8, not UTF-16 or UTF-32)");
            }
        }
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

    /**
     * The entry of the message whose first token the parser is on, leaving the parser on its last
     * token: the message's bytes and a comma.
     */
    private static byte[] entry(JsonParser parser, byte[] body) throws IOException {
        int from = (int) parser.currentTokenLocation().getByteOffset();
        int depth = 0;
        for (JsonToken token = parser.currentToken(); ; token = parser.nextToken()) {
            if (token == JsonToken.VALUE_STRING) {
                parser.getTextLength(); // decodes the string, so that malformed UTF-8 is refused
            } else if (token.isStructStart()) {
                depth++;
            } else if (token.isStructEnd()) {
                depth--;
            }
            if (depth == 0) {
                break;
            }
        }
        int to = (int) parser.currentLocation().getByteOffset();
        if (!isCompact(body, from, to)) {
            return withComma(MAPPER.writeValueAsBytes(MAPPER.readTree(body, from, to - from)));
        }
        byte[] entry = Arrays.copyOfRange(body, from, to + 1);
        entry[entry.length - 1] = ',';
        return entry;
    }

    /** True if no whitespace stands between the tokens of {@code body[from, to)}. */
    private static boolean isCompact(byte[] body, int from, int to) {
        boolean inString = false;
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                return false;
            }
        }
        return true;
    }

    private static byte[] withComma(byte[] json) {
        byte[] entry = Arrays.copyOf(json, json.length + 1);
        entry[json.length] = ',';
        return entry;
    }
}
