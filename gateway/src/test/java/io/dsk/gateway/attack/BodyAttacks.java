package io.dsk.gateway.attack;

import static io.dsk.gateway.attack.AttackTargets.concat;
import static io.dsk.gateway.attack.AttackTargets.headers;
import static io.dsk.gateway.attack.AttackTargets.utf8;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Bodies for JSON streams: invalid UTF-8 (overlong forms, code points past U+10FFFF, surrogates,
 * truncated and stray bytes), UTF-16 and UTF-32 lookalikes, deep nesting, and random mutations of
 * valid JSON. Invalid encodings must be 400; nothing may be a 5xx, and whatever was accepted must
 * read back without one.
 */
final class BodyAttacks {

    /** Byte sequences that are not UTF-8. */
    private static final byte[][] INVALID_UTF8 = {
        {(byte) 0xC0, (byte) 0xAE}, {(byte) 0xC1, (byte) 0xBF}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
        {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0xAF}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
        {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xF7, (byte) 0xBF, (byte) 0xBF, (byte) 0xBF},
        {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        {(byte) 0xED, (byte) 0xBF, (byte) 0xBF}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0x80}, {(byte) 0xBF},
        {(byte) 0xFE}, {(byte) 0xFF}, {(byte) 0xC3}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98},
        {(byte) 0xFC, (byte) 0x84, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80}};

    /** JSON that is not UTF-8 JSON: UTF-16 and UTF-32 lookalikes, NUL bytes. */
    private static final byte[][] NOT_UTF8_JSON = {
        {'1', 0}, {0, '1'}, {'[', 0, '1', 0, ']', 0}, {0, '[', 0, '1', 0, ']'}, {(byte) 0xFE, (byte) 0xFF, 0, '1'},
        {(byte) 0xFF, (byte) 0xFE, '1', 0}, {'1', 0, 0, 0}, {0, 0, 0, '1'}, {'"', 0, '"'}, {0}, {'[', '1', ']', 0}};

    private BodyAttacks() {
    }

    static List<AttackCase> cases(int count) {
        List<AttackCase> cases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            cases.add(new AttackCase("bodies#" + i, (targets, random) -> one(targets, random, index)));
        }
        return cases;
    }

    private static List<Observation> one(AttackTargets t, Random random, int index) {
        String stream = "/v1/stream/b" + index;
        List<Observation> seen = new ArrayList<>();
        boolean create = random.nextInt(4) == 0;
        if (!create) {
            seen.add(t.http(t.open, "fuzz", "PUT", stream, headers("Content-Type: application/json"), null,
                    Expect.SUCCESS));
        }
        String method = create ? "PUT" : "POST";
        int kind = random.nextInt(5);
        byte[] body;
        Expect expect;
        if (kind == 0) {
            byte[] bad = INVALID_UTF8[random.nextInt(INVALID_UTF8.length)];
            body = random.nextBoolean() ? concat(utf8("[\"a"), bad, utf8("b\"]"))
                    : concat(utf8("{\"k"), bad, utf8("\": 1}"));
            expect = Expect.REFUSED;
        } else if (kind == 1) {
            body = NOT_UTF8_JSON[random.nextInt(NOT_UTF8_JSON.length)];
            expect = Expect.REFUSED;
        } else if (kind == 2) {
            int depth = 1 + random.nextInt(random.nextBoolean() ? 50 : 30_000);
            body = utf8("[".repeat(depth) + "]".repeat(depth));
            expect = Expect.ANY;
        } else {
            body = mutate(random, utf8(validJson(random, 3)));
            expect = Expect.ANY;
        }
        seen.add(t.http(t.open, "fuzz", method, stream, headers("Content-Type: application/json"), body, expect));
        seen.add(t.http(t.open, "fuzz", "GET", stream + "?offset=-1", headers(), null, Expect.ANY));
        if (random.nextInt(8) == 0) {
            seen.add(t.http(t.open, "fuzz", "GET", stream + "?offset=-1&live=sse", headers(), null, Expect.ANY));
        }
        return seen;
    }

    static String validJson(Random random, int depth) {
        switch (depth <= 0 ? random.nextInt(4) : random.nextInt(7)) {
            case 0:
                return Integer.toString(random.nextInt());
            case 1:
                return "\"s" + random.nextInt(1000) + "\\u00e9\\ud83d\\ude00\u00e9\"";
            case 2:
                return random.nextBoolean() ? "true" : "null";
            case 3:
                return "1.5e" + random.nextInt(400);
            case 4:
            case 5:
                StringBuilder array = new StringBuilder("[");
                for (int i = 0, n = random.nextInt(4); i < n; i++) {
                    array.append(i == 0 ? "" : ",").append(validJson(random, depth - 1));
                }
                return array.append("]").toString();
            default:
                return "{\"k\":" + validJson(random, depth - 1) + "}";
        }
    }

    private static byte[] mutate(Random random, byte[] json) {
        byte[] out = json.clone();
        for (int k = 0, n = random.nextInt(4); k < n && out.length > 0; k++) {
            out[random.nextInt(out.length)] = (byte) random.nextInt(256);
        }
        return out;
    }
}
