package io.dsk.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;

/**
 * Writes what reads return to standard output: a JSON stream's messages one per line (compact, or
 * pretty-printed with {@code --pretty}), numbers exactly as the gateway sent them; any other stream's
 * bytes as they are.
 */
final class MessageOutput {

    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();
    private static final byte[] NEWLINE = {'\n'};

    private final OutputStream out;
    private final boolean pretty;

    MessageOutput(OutputStream out, boolean pretty) {
        this.out = out;
        this.pretty = pretty;
    }

    /** Whether answers of this content type hold JSON messages (a JSON array per answer). */
    static boolean isJson(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT).strip();
        return type.equals("application/json") || type.startsWith("application/json;");
    }

    /** How many messages or bytes a write took, and whether it stopped before the end of the body. */
    record Written(long count, boolean cut) {
    }

    /**
     * Writes the messages of one JSON answer (an array), each on its own line.
     *
     * @param body the answer's body
     * @param max the most messages to write
     * @return how many it wrote, and whether messages were left
     * @throws CommandFailure if the body is not a JSON array
     * @throws Closed if standard output is closed
     */
    Written writeJsonMessages(InputStream body, long max) {
        long count = 0;
        try (JsonParser parser = JSON.createParser(body); JsonGenerator generator = generator()) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new CommandFailure("the answer of a JSON stream is not a JSON array");
            }
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token == null) {
                    throw new CommandFailure("the answer of a JSON stream ended inside its array");
                }
                if (count == max) {
                    return new Written(count, true);
                }
                copyValue(parser, generator);
                generator.flush();
                write(NEWLINE, NEWLINE.length);
                count++;
            }
            flush();
            return new Written(count, false);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new CommandFailure("the answer of a JSON stream is not valid JSON: " + e.getOriginalMessage());
        } catch (OutputIOException e) {
            throw new Closed();
        } catch (IOException e) {
            throw new CommandFailure("reading the answer failed: " + e.getMessage(), CommandFailure.Kind.OUTCOME_UNKNOWN);
        }
    }

    /**
     * Copies a byte stream's answer.
     *
     * @param body the answer's body
     * @param max the most bytes to write
     * @return how many it wrote, and whether bytes were left
     */
    Written writeBytes(InputStream body, long max) {
        byte[] buffer = new byte[64 * 1024];
        long count = 0;
        try {
            while (count < max) {
                int n = body.read(buffer, 0, (int) Math.min(buffer.length, max - count));
                if (n < 0) {
                    flush();
                    return new Written(count, false);
                }
                write(buffer, n);
                count += n;
            }
            boolean more = body.read() >= 0;
            flush();
            return new Written(count, more);
        } catch (OutputIOException e) {
            throw new Closed();
        } catch (IOException e) {
            throw new CommandFailure("reading the answer failed: " + e.getMessage(), CommandFailure.Kind.OUTCOME_UNKNOWN);
        }
    }

    /** Writes one line of text (UTF-8) and flushes. */
    void line(String text) {
        byte[] bytes = (text + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try {
            write(bytes, bytes.length);
            flush();
        } catch (OutputIOException e) {
            throw new Closed();
        }
    }

    private JsonGenerator generator() throws IOException {
        JsonGenerator generator = JSON.createGenerator(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    out.write(b, off, len);
                } catch (IOException e) {
                    throw new OutputIOException(e);
                }
            }
        });
        if (pretty) {
            DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
            generator.setPrettyPrinter(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withRootSeparator(""))
                    .withArrayIndenter(indenter)
                    .withObjectIndenter(indenter));
        } else {
            generator.setRootValueSeparator(null);
        }
        return generator;
    }

    /** Copies the value at the parser's current token, numbers as their exact text. */
    private static void copyValue(JsonParser parser, JsonGenerator generator) throws IOException {
        int depth = 0;
        do {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                generator.writeNumber(parser.getText());
            } else {
                generator.copyCurrentEvent(parser);
            }
            if (token.isStructStart()) {
                depth++;
            } else if (token.isStructEnd()) {
                depth--;
            }
        } while (depth > 0 && parser.nextToken() != null);
    }

    private void write(byte[] bytes, int length) throws OutputIOException {
        try {
            out.write(bytes, 0, length);
        } catch (IOException e) {
            throw new OutputIOException(e);
        }
    }

    private void flush() throws OutputIOException {
        try {
            out.flush();
        } catch (IOException e) {
            throw new OutputIOException(e);
        }
    }

    /** Standard output is closed (the reader of a pipe went away): the command stops quietly with status 0. */
    static final class Closed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Closed() {
            super("standard output is closed", null, false, false);
        }
    }

    /** An IO failure of standard output, kept apart from failures reading the answer. */
    private static final class OutputIOException extends IOException {
        private static final long serialVersionUID = 1L;

        OutputIOException(IOException cause) {
            super(cause);
        }
    }
}
