package io.dsk.gateway.attack;

import static io.dsk.gateway.attack.AttackTargets.headers;
import static io.dsk.gateway.attack.AttackTargets.utf8;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Odd values where the protocol reads headers and parameters: producer headers (huge, negative,
 * overflowing, empty, control characters), {@code offset=} (garbage, huge, negative),
 * query strings, methods, content types and the other protocol headers. Malformed numbers must be
 * 400; nothing may be a 5xx.
 */
final class HeaderAttacks {

    private static final String[] NUMBERS_BAD = {"-1", "-0", "+1", "1.0", "1e3", "0x10", "", " ", "abc", "01",
        "9007199254740992", "9223372036854775807", "9223372036854775808", "18446744073709551616",
        "99999999999999999999999999999999", "1 2", "1,2", "\u00b9", "\t", "NaN", "Infinity", "١"};
    private static final String[] NUMBERS_GOOD = {"0", "1", "2", "42", "9007199254740991"};
    private static final String[] OFFSETS_BAD = {"garbage", "-2", "-9223372036854775808", "1", "0", "00",
        "9999999999999999_9999999999999999x", "0000000000000000-0000000000000000", "_", "%00", "%FF",
        "99999999999999999999_0000000000000000", "0000000000000000_00000000000000001", "-1-1", "now2",
        "0000000000000000_000000000000000", "１"};
    private static final String[] OFFSETS_ANY = {"-1", "now", "0000000000000000_0000000000000000",
        "9999999999999999_9999999999999999", "0000000000000001_0000000000000000", "", "-1&offset=now",
        "-1&offset=-1"};
    private static final String[] METHODS = {"PATCH", "TRACE", "FOO", "get", "Get", "PROPFIND", "MKCOL", "COPY",
        "MOVE", "LOCK", "SEARCH", "QUERY", "PRI", "M-SEARCH", "X".repeat(300), "GET\u0000", "OPTIONS"};
    private static final String[] TYPES = {"text/plain", "application/json", "application/json; charset=utf-8",
        "application/json; charset=utf-16", "APPLICATION/JSON", "application/json;", "application/octet-stream",
        "", ";", "/", "text/", "*/*", "x/y; a=\"b\\\"c\"", "application/json\u0000", "a".repeat(4000),
        "text/plain; charset=\u00ff", "application/ndjson", "application/json, text/plain", "multipart/form-data; boundary=x"};
    private static final String[] PROTOCOL_HEADERS = {"Stream-TTL", "Stream-Expires-At", "Stream-Closed",
        "Stream-Seq", "If-None-Match", "Range", "If-Match", "Stream-Fork-Offset", "Stream-Fork-Sub-Offset",
        "DSK-Source-Range", "Producer-Expected-Seq", "Accept", "Accept-Encoding", "Cache-Control", "Origin",
        "Last-Event-ID", "Expect", "Authorization", "Cookie", "Stream-Forked-From"};
    private static final String[] ODD_VALUES = {"", "-1", "0", "1", "true", "TRUE", "false", "99999999999999999999",
        "2026-13-45T99:99:99Z", "1970-01-01T00:00:00Z", "bytes=0-", "bytes=-1", "*", "\"x\"", "W/\"x\"",
        "Bearer", "Basic Zm9vOmJhcg==", "dsk_token=", "100-continue", "gzip, br, zstd", "\u00ff\u00fe",
        "a".repeat(2000), "x:y:z", "0,1", "1 1 1", "/v1/stream/", "http://", "0000000000000000_0000000000000000"};

    private HeaderAttacks() {
    }

    static List<AttackCase> cases(int count) {
        List<AttackCase> cases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            cases.add(new AttackCase("headers#" + i, (targets, random) -> one(targets, random, index)));
        }
        return cases;
    }

    private static List<Observation> one(AttackTargets t, Random random, int index) {
        String stream = "/v1/stream/h" + index;
        boolean json = random.nextBoolean();
        String type = json ? "application/json" : "text/plain";
        List<Observation> seen = new ArrayList<>();
        seen.add(t.http(t.open, "fuzz", "PUT", stream, headers("Content-Type: " + type), null, Expect.SUCCESS));
        byte[] body = utf8(json ? "[1]" : "x");
        switch (random.nextInt(6)) {
            case 0:
                seen.add(producer(t, random, stream, type, body));
                break;
            case 1:
                seen.add(offset(t, random, stream));
                break;
            case 2:
                seen.add(t.http(t.open, "fuzz", "GET", stream + "?" + junkQuery(random), headers(), null, Expect.ANY));
                break;
            case 3:
                String method = METHODS[random.nextInt(METHODS.length)];
                // Undertow compares methods ignoring case, and so does the auth layer: "get" is GET.
                boolean known = method.equalsIgnoreCase("OPTIONS") || method.equalsIgnoreCase("GET");
                seen.add(t.http(t.open, "fuzz", method, stream, headers(), null,
                        known ? Expect.ANY : Expect.REFUSED_OR_CLOSED));
                seen.add(t.http(t.auth, "anonymous", method, "/v1/stream/open/h" + index, headers(), null,
                        known ? Expect.ANY : Expect.REFUSED_OR_CLOSED));
                break;
            case 4:
                String odd = TYPES[random.nextInt(TYPES.length)];
                String fresh = stream + "-t";
                seen.add(t.http(t.open, "fuzz", "PUT", fresh, headers("Content-Type: " + odd), body, Expect.ANY));
                seen.add(t.http(t.open, "fuzz", "POST", fresh, headers("Content-Type: " + TYPES[random.nextInt(TYPES.length)]),
                        body, Expect.ANY));
                seen.add(t.http(t.open, "fuzz", "GET", fresh + "?offset=-1", headers(), null, Expect.ANY));
                break;
            default:
                List<String> headers = headers("Content-Type: " + type);
                for (int k = 0, n = 1 + random.nextInt(3); k < n; k++) {
                    headers.add(PROTOCOL_HEADERS[random.nextInt(PROTOCOL_HEADERS.length)] + ": "
                            + ODD_VALUES[random.nextInt(ODD_VALUES.length)]);
                }
                String method2 = new String[] {"PUT", "POST", "GET", "HEAD", "DELETE"}[random.nextInt(5)];
                seen.add(t.http(t.open, "fuzz", method2, stream, headers,
                        method2.startsWith("P") ? body : null, Expect.ANY));
        }
        return seen;
    }

    private static Observation producer(AttackTargets t, Random random, String stream, String type, byte[] body) {
        boolean badEpoch = random.nextInt(3) == 0;
        boolean badSeq = random.nextInt(3) == 0;
        String epoch = badEpoch ? pick(random, NUMBERS_BAD) : pick(random, NUMBERS_GOOD);
        String seq = badSeq ? pick(random, NUMBERS_BAD) : pick(random, NUMBERS_GOOD);
        String id;
        switch (random.nextInt(6)) {
            case 0:
                id = "p".repeat(1 + random.nextInt(12_000));
                break;
            case 1:
                id = "\u00ff\u00fe\u0080";
                break;
            case 2:
                id = "a\tb";
                break;
            case 3:
                id = "../../x";
                break;
            default:
                id = "producer-" + random.nextInt(5);
        }
        boolean refused = (badEpoch && !epoch.trim().matches("0|[1-9][0-9]*"))
                || (badSeq && !seq.trim().matches("0|[1-9][0-9]*"))
                || epoch.trim().length() > 16 || seq.trim().length() > 16;
        List<String> headers = headers("Content-Type: " + type, "Producer-Id: " + id, "Producer-Epoch: " + epoch,
                "Producer-Seq: " + seq);
        if (random.nextInt(5) == 0) {
            headers.remove(1 + random.nextInt(3));
            refused = true;
        }
        return t.http(t.open, "fuzz", "POST", stream, headers, body, refused ? Expect.REFUSED_OR_CLOSED : Expect.ANY);
    }

    private static Observation offset(AttackTargets t, Random random, String stream) {
        boolean bad = random.nextBoolean();
        String value = bad ? pick(random, OFFSETS_BAD) : pick(random, OFFSETS_ANY);
        String live = new String[] {"", "&live=long-poll", "&live=sse", "&live=nonsense", "&live="}[random.nextInt(5)];
        return t.http(t.open, "fuzz", "GET", stream + "?offset=" + value + live, headers(), null,
                bad ? Expect.REFUSED : Expect.ANY);
    }

    private static String junkQuery(Random random) {
        String[] parts = {"offset=-1", "offset", "=", "&&", "%zz", "%", "a=%FF", "live=sse", "live=long-poll",
            "cursor=" + random.nextLong(), "cursor=-1", "cursor=abc", "token=", "token=x.y.z", "offset=%2D1",
            "offset=-1%00", "x=" + "y".repeat(random.nextInt(3000)), "live=long-poll&live=sse", ";", "offset=-1#x",
            "offset=now", "\u00ff", "+", "offset=+1"};
        StringBuilder q = new StringBuilder();
        for (int k = 0, n = 1 + random.nextInt(4); k < n; k++) {
            q.append(k == 0 ? "" : "&").append(parts[random.nextInt(parts.length)]);
        }
        return q.toString();
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
