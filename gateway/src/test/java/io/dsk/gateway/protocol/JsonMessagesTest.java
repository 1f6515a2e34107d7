package io.dsk.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonMessagesTest {

    @Test
    void aSingleValueIsOneMessage() {
        assertThat(entries("{\"event\": \"created\"}", false)).containsExactly("{\"event\":\"created\"},");
    }

    @Test
    void anArrayIsFlattenedExactlyOneLevel() {
        assertThat(entries("[[1,2], [3,4]]", false)).containsExactly("[1,2],", "[3,4],");
        assertThat(entries("[[[1,2,3]]]", false)).containsExactly("[[1,2,3]],");
    }

    @Test
    void numbersKeepTheirPrecision() {
        assertThat(entries("[12345678901234567890123, 0.1000000000000000055511151231257827]", false))
                .containsExactly("12345678901234567890123,", "0.1000000000000000055511151231257827,");
    }

    @Test
    void anEmptyArrayIsRefusedOnAppendButAllowedOnCreate() {
        assertThatThrownBy(() -> JsonMessages.toEntries(b("[]"), false)).isInstanceOf(ProtocolException.class);
        assertThat(JsonMessages.toEntries(b("[]"), true)).isEmpty();
    }

    @Test
    void invalidJsonAndTrailingContentAreRefused() {
        assertThatThrownBy(() -> JsonMessages.toEntries(b("{\"a\":"), false)).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> JsonMessages.toEntries(b("{} {}"), false)).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> JsonMessages.toEntries(b("   "), false)).isInstanceOf(ProtocolException.class);
    }

    @Test
    void compactMessagesAreStoredAsSentAndOthersAreCompacted() {
        assertThat(entries("[{\"a\":\"x y\",\"b\":[1,\"\\\" \"]},\"\\u0041\",1e5]", false))
                .containsExactly("{\"a\":\"x y\",\"b\":[1,\"\\\" \"]},", "\"\\u0041\",", "1e5,");
        assertThat(entries("[ {\"a\" : [ 1 ,2 ] } ,\t\"s p\" ]", false))
                .containsExactly("{\"a\":[1,2]},", "\"s p\",");
        assertThat(entries(" 42\n", false)).containsExactly("42,");
        assertThat(entries("\"text\"", false)).containsExactly("\"text\",");
    }

    @Test
    void malformedUtf8AndUnclosedStructuresAreRefused() {
        byte[] badUtf8 = {'[', '"', (byte) 0xC3, (byte) 0x28, '"', ']'};
        assertThatThrownBy(() -> JsonMessages.toEntries(badUtf8, false)).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> JsonMessages.toEntries(b("[1,2"), false)).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> JsonMessages.toEntries(b("[{\"a\":1]]"), false)).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> JsonMessages.toEntries(b("[1] x"), false)).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> JsonMessages.toEntries(b("1 2"), false)).isInstanceOf(ProtocolException.class);
    }

    @Test
    void storedEntriesReadBackAsOneArray() {
        assertThat(new String(JsonMessages.toArray(b("1,{\"a\":2},")), StandardCharsets.UTF_8))
                .isEqualTo("[1,{\"a\":2}]");
        assertThat(new String(JsonMessages.toArray(new byte[0]), StandardCharsets.UTF_8)).isEqualTo("[]");
    }

    @Test
    void arrayPartsWriteTheSameArrayWithoutCopyingTheEntries() {
        byte[] stored = b("1,{\"a\":2},");

        ByteBuffer[] parts = JsonMessages.arrayParts(stored);

        assertThat(joined(parts)).isEqualTo("[1,{\"a\":2}]");
        assertThat(parts[1].array()).isSameAs(stored);
        assertThat(joined(JsonMessages.arrayParts(new byte[0]))).isEqualTo("[]");
    }

    private static String joined(ByteBuffer[] parts) {
        StringBuilder text = new StringBuilder();
        for (ByteBuffer part : parts) {
            text.append(StandardCharsets.UTF_8.decode(part.duplicate()));
        }
        return text.toString();
    }

    private static List<String> entries(String body, boolean create) {
        return JsonMessages.toEntries(b(body), create).stream()
                .map(e -> new String(e, StandardCharsets.UTF_8)).toList();
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
