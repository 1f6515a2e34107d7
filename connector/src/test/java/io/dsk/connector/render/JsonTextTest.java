package io.dsk.connector.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonTextTest {

    private final JsonText json = new JsonText(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    private boolean embeddable(String text, boolean forbidLineBreak) {
        return json.isEmbeddable(text.getBytes(StandardCharsets.UTF_8), forbidLineBreak);
    }

    @Test
    void oneWellFormedValueIsEmbeddable() {
        assertThat(embeddable("{\"a\": [1, 2.50, \"x\", null, true], \"b\": {}}", false)).isTrue();
        assertThat(embeddable("\"text\"", false)).isTrue();
        assertThat(embeddable(" 12 ", false)).isTrue();
        assertThat(embeddable("{\n \"a\": 1\n}", false)).isTrue();
    }

    @Test
    void lineBreaksDisqualifyOnlyForNewlineDelimitedStreams() {
        assertThat(embeddable("{\n \"a\": 1\n}", true)).isFalse();
        assertThat(embeddable("{\"a\": 1}\r", true)).isFalse();
        assertThat(embeddable("{\"a\": \"line\\nbreak\"}", true)).isTrue();
    }

    @Test
    void anythingButExactlyOneWellFormedValueIsNot() {
        assertThat(embeddable("", false)).isFalse();
        assertThat(embeddable("   ", false)).isFalse();
        assertThat(embeddable("hello world", false)).isFalse();
        assertThat(embeddable("{\"a\":1} {\"b\":2}", false)).isFalse();
        assertThat(embeddable("{\"a\":1}]", false)).isFalse();
        assertThat(embeddable("{\"a\":1", false)).isFalse();
        assertThat(embeddable("[1,2", false)).isFalse();
        assertThat(embeddable("{\"a\":1,\"a\":2}", false)).isFalse();
        assertThat(embeddable("NaN", false)).isFalse();
        assertThat(embeddable("{'a':1}", false)).isFalse();
    }

    @Test
    void badUtf8AndOtherEncodingsAreNot() {
        byte[] badUtf8 = {'"', 'a', (byte) 0xc3, 'b', '"'};
        byte[] utf16 = "\"a\"".getBytes(StandardCharsets.UTF_16BE);
        byte[] withBom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '1'};

        assertThat(json.isEmbeddable(badUtf8, false)).isFalse();
        assertThat(json.isEmbeddable(utf16, false)).isFalse();
        assertThat(json.isEmbeddable("\"a\"".getBytes(StandardCharsets.UTF_16LE), false)).isFalse();
        assertThat(json.isEmbeddable(withBom, false)).isFalse();
    }
}
