package io.dsk.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
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
    void utf8ThatRfc3629ForbidsIsRefusedOnAppendAndOnCreate() {
        List<byte[]> forbidden = List.of(
                bytes('"', 0xC0, 0xAE, '"'),             // overlong "."
                bytes('"', 0xE0, 0x80, 0xAE, '"'),       // overlong, three bytes
                bytes('"', 0xF0, 0x80, 0x80, 0xAE, '"'), // overlong, four bytes
                bytes('"', 0xF4, 0x90, 0x80, 0x80, '"'), // U+110000, above the last code point
                bytes('"', 0xF5, 0x80, 0x80, 0x80, '"'), // a lead byte that never occurs
                bytes('"', 0xED, 0xA0, 0x80, '"'),       // the surrogate U+D800
                bytes('"', 0xED, 0xBF, 0xBF, '"'),       // the surrogate U+DFFF
                bytes('"', 0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80, '"'), // a surrogate pair in UTF-8 (CESU-8)
                bytes('{', '"', 0xC0, 0xAE, '"', ':', '1', '}'),    // in a field name
                bytes('"', 0xE2, 0x82, '"'),             // truncated sequence
                bytes('"', 0x80, '"'));                  // a lone continuation byte
        for (byte[] body : forbidden) {
            for (boolean create : new boolean[] {false, true}) {
                assertThatThrownBy(() -> JsonMessages.toEntries(body, create))
                        .as(Arrays.toString(body))
                        .isInstanceOfSatisfying(ProtocolException.class, e -> {
                            assertThat(e.status()).isEqualTo(400);
                            assertThat(e.getMessage()).contains("UTF-8");
                        });
            }
        }
    }

    @Test
    void theLargestCodePointsAndTheNeighboursOfSurrogatesAreAccepted() {
        byte[] body = bytes('[', '"', 0xF4, 0x8F, 0xBF, 0xBF, '"', ',', '"', 0xED, 0x9F, 0xBF, '"', ',',
                '"', 0xEE, 0x80, 0x80, '"', ',', '"', 0xC2, 0x80, '"', ']');

        assertThat(JsonMessages.toEntries(body, false)).hasSize(4);
    }

    @Test
    void bodiesThatLookLikeUtf16OrUtf32AreRefusedNotMisread() {
        List<byte[]> bodies = List.of(bytes('1', 0), bytes(0, '1'), bytes('[', 0, ']', 0), bytes(0, 0, 0, '1'),
                bytes('1', 0, 0, 0), bytes(0xFE, 0xFF, 0, '1'), bytes(0xFF, 0xFE, '1', 0), bytes('"', 0, '"'));
        for (byte[] body : bodies) {
            for (boolean create : new boolean[] {false, true}) {
                assertThatThrownBy(() -> JsonMessages.toEntries(body, create))
                        .as(Arrays.toString(body))
                        .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.status()).isEqualTo(400));
            }
        }
    }

    @Test
    void aByteOrderMarkIsRefused() {
        assertThatThrownBy(() -> JsonMessages.toEntries(bytes(0xEF, 0xBB, 0xBF, '1'), false))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.getMessage()).contains("byte order mark"));
    }

    /**
     * Thousands of random and mutated bodies from a fixed seed: each is either accepted, as entries
     * that read back as a valid JSON array in valid UTF-8, or refused with a ProtocolException;
     * nothing else escapes.
     */
    @Test
    void randomAndMutatedBodiesAreAcceptedOrRefusedNeverAnythingElse() {
        Random random = new Random(20261204L);
        List<byte[]> seeds = List.of(b("{\"a\":[1,2,{\"b\":\"\u00e9\u20ac\"}]}"), b("[1, \"two\", null, true, 3.5e-7]"),
                b("\"h\u00e9llo w\u00f6rld \ud83d\ude00\""), b("[[],{},\"\",0]"), b("-12345678901234567890.5e+300"),
                b("[\"\\u0000\\ud800\",{\"k\":false}]"), b("  [ 1 ,\n 2 ]\t"));
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] body = i % 4 == 0 ? randomBytes(random) : mutate(seeds.get(random.nextInt(seeds.size())), random);
            boolean create = random.nextBoolean();
            List<byte[]> entries;
            try {
                entries = JsonMessages.toEntries(body, create);
            } catch (ProtocolException refused) {
                assertThat(refused.status()).as(Arrays.toString(body)).isEqualTo(400);
                continue;
            } catch (RuntimeException | Error e) {
                throw new AssertionError("body " + Arrays.toString(body) + " escaped as " + e, e);
            }
            accepted++;
            assertReadsBackAsValidJson(body, entries);
        }
        assertThat(accepted).as("the mutations keep some bodies valid").isGreaterThan(100);
    }

    private static void assertReadsBackAsValidJson(byte[] body, List<byte[]> entries) {
        int length = entries.stream().mapToInt(e -> e.length).sum();
        ByteBuffer stored = ByteBuffer.allocate(length);
        for (byte[] entry : entries) {
            assertThat(entry[entry.length - 1]).isEqualTo((byte) ',');
            stored.put(entry);
        }
        byte[] array = JsonMessages.toArray(stored.array());
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(array));
            assertThat(new ObjectMapper().readTree(array).size()).isEqualTo(entries.size());
        } catch (CharacterCodingException e) {
            throw new AssertionError("stored invalid UTF-8 for body " + Arrays.toString(body), e);
        } catch (IOException e) {
            throw new AssertionError("stored invalid JSON for body " + Arrays.toString(body), e);
        }
    }

    private static byte[] randomBytes(Random random) {
        byte[] body = new byte[random.nextInt(12)];
        random.nextBytes(body);
        return body;
    }

    /** One to three edits: flip, insert or delete a byte, cut, repeat a piece, or re-encode as UTF-16. */
    private static byte[] mutate(byte[] seed, Random random) {
        List<Byte> out = new ArrayList<>();
        for (byte x : seed) {
            out.add(x);
        }
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits; i++) {
            int at = out.isEmpty() ? 0 : random.nextInt(out.size());
            switch (random.nextInt(7)) {
                case 0 -> {
                    if (!out.isEmpty()) {
                        out.set(at, (byte) random.nextInt(256));
                    }
                }
                case 1 -> out.add(at, (byte) new int[] {0, 0x80, 0xC0, 0xED, 0xF4, 0xFF, '"', '\\', '[', '{'}[random.nextInt(10)]);
                case 2 -> {
                    if (!out.isEmpty()) {
                        out.remove(at);
                    }
                }
                case 3 -> out.subList(at, out.size()).clear();
                case 4 -> out.addAll(at, new ArrayList<>(out.subList(at, Math.min(out.size(), at + 1 + random.nextInt(6)))));
                case 5 -> {
                    List<Byte> utf16 = new ArrayList<>();
                    for (Byte x : out) {
                        utf16.add(x);
                        utf16.add((byte) 0);
                    }
                    out = utf16;
                }
                default -> out.addAll(0, List.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF));
            }
        }
        byte[] body = new byte[out.size()];
        for (int i = 0; i < body.length; i++) {
            body[i] = out.get(i);
        }
        return body;
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

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
