package io.dsk.connector.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Tells whether bytes are exactly one JSON value in UTF-8 that can go into a batch body as they are,
 * without building a tree and writing it again: well-formed (strings decoded, so bad UTF-8 fails), no
 * duplicate object keys, nothing after the value, no byte order mark, and, for newline-delimited
 * streams, no line breaks.
 */
final class JsonText {

    private final JsonFactory factory;

    /**
     * @param factory makes the parsers; its read features (strict duplicate detection) apply
     */
    JsonText(JsonFactory factory) {
        this.factory = factory;
    }

    /**
     * @param text            candidate JSON text
     * @param forbidLineBreak whether a line break disqualifies the text (newline-delimited streams)
     * @return whether the text can be embedded unchanged
     */
    boolean isEmbeddable(byte[] text, boolean forbidLineBreak) {
        if (text.length == 0 || !startsAsUtf8(text) || forbidLineBreak && hasLineBreak(text)) {
            return false;
        }
        try (JsonParser parser = factory.createParser(text)) {
            if (parser.nextToken() == null || !readValue(parser)) {
                return false;
            }
            return parser.nextToken() == null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Reads the value at the current token to its end. */
    private static boolean readValue(JsonParser parser) throws IOException {
        int depth = 0;
        JsonToken token = parser.currentToken();
        while (true) {
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                depth++;
            } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                depth--;
            } else if (token == JsonToken.VALUE_STRING) {
                parser.getTextLength();
            } else if (token == null) {
                return false;
            }
            if (depth == 0) {
                return true;
            }
            token = parser.nextToken();
        }
    }

    /** UTF-16 and UTF-32 start with a zero byte or a byte order mark; UTF-8 with a mark is left to the tree. */
    private static boolean startsAsUtf8(byte[] text) {
        int first = text[0] & 0xff;
        return first != 0 && first != 0xef && first != 0xfe && first != 0xff
                && (text.length < 2 || text[1] != 0);
    }

    private static boolean hasLineBreak(byte[] text) {
        for (byte b : text) {
            if (b == '\n' || b == '\r') {
                return true;
            }
        }
        return false;
    }
}
