package io.dsk.gateway.attack;

import static io.dsk.gateway.attack.AttackTargets.headers;
import static io.dsk.gateway.attack.AttackTargets.utf8;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Request framing: absurd Content-Length values, Transfer-Encoding other than chunked (with no
 * length, a request must still get an answer or a close, never a wait), chunked bodies at and past
 * the size limit (exactly the limit must be accepted), malformed chunk sizes, and both framings at once.
 */
final class FramingAttacks {

    private static final String[] LENGTHS = {"18446744073709551616", "18446744073709551615", "9223372036854775807",
        "9223372036854775808", "99999999999999999999999", "-1", "1, 2", "0x10", "1e3", "+5", "", "abc",
        String.valueOf(AttackTargets.MAX_APPEND_BYTES + 1L), "4294967296"};
    private static final String[] ENCODINGS = {"identity", "gzip", "chunked, identity", "xchunked", "CHUNKED",
        "chunked;x=1", "compress", "identity, chunked", "chunked\u0000"};

    private FramingAttacks() {
    }

    static List<AttackCase> cases(int count) {
        List<AttackCase> cases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            cases.add(new AttackCase("framing#" + i, (targets, random) -> one(targets, random, index)));
        }
        cases.add(new AttackCase("chunked-limit#0", FramingAttacks::chunkedAtLimit));
        return cases;
    }

    private static List<Observation> one(AttackTargets t, Random random, int index) {
        String stream = "/v1/stream/f" + index;
        List<Observation> seen = new ArrayList<>();
        seen.add(t.http(t.open, "fuzz", "PUT", stream, headers("Content-Type: text/plain"), null, Expect.SUCCESS));
        List<String> h = new ArrayList<>(List.of("Host: x", "Content-Type: text/plain"));
        byte[] body = utf8("hello");
        Expect expect;
        switch (random.nextInt(5)) {
            case 0:
                h.add("Content-Length: " + LENGTHS[random.nextInt(LENGTHS.length)]);
                expect = Expect.REFUSED_OR_CLOSED;
                break;
            case 1:
                h.add("Transfer-Encoding: " + ENCODINGS[random.nextInt(ENCODINGS.length)]);
                // docs/gateway.md: a coding before chunked is 501 (RFC 9112 6.1), any other is 400.
                expect = Expect.REFUSED_OR_CLOSED.or("501", answer -> answer.status() == 501);
                break;
            case 2:
                h.add("Content-Length: 5");
                h.add("Content-Length: " + (random.nextBoolean() ? "6" : "5"));
                expect = Expect.ANY;
                break;
            case 3:
                h.add("Content-Length: 5");
                h.add("Transfer-Encoding: chunked");
                body = utf8("5\r\nhello\r\n0\r\n\r\n");
                expect = Expect.ANY;
                break;
            default:
                h.add("Transfer-Encoding: chunked");
                // Sizes that cannot be honoured must be refused; lenient parses of the rest are fine.
                String[] refused = {"ffffffffffffffffffff", "-5", "", "g", "7fffffffffffffff"};
                String[] lenient = {"5 junk", "5;" + "e".repeat(5000), "0x5", "5\u0000", "5;a=\"b\"", "05"};
                boolean bad = random.nextBoolean();
                String size = bad ? refused[random.nextInt(refused.length)] : lenient[random.nextInt(lenient.length)];
                body = utf8(size + "\r\nhello\r\n0\r\n\r\n");
                expect = bad ? Expect.REFUSED_OR_CLOSED : Expect.ANY;
        }
        h.add("Connection: close");
        seen.add(t.raw(t.open, "fuzz", "POST " + stream + " " + h + AttackTargets.preview(body),
                RawHttp.request("POST " + stream + " HTTP/1.1", h, body), expect));
        seen.add(t.http(t.open, "fuzz", "GET", stream + "?offset=-1", headers(), null, Expect.SUCCESS));
        return seen;
    }

    /** A chunked body of exactly the limit is accepted, one byte more is refused (or the connection closed). */
    private static List<Observation> chunkedAtLimit(AttackTargets t, Random random) {
        List<Observation> seen = new ArrayList<>();
        int limit = AttackTargets.MAX_APPEND_BYTES;
        for (int size : new int[] {limit - 1, limit, limit + 1}) {
            for (int pieces : new int[] {1, 7}) {
                String stream = "/v1/stream/chunked-" + size + "-" + pieces;
                seen.add(t.http(t.open, "fuzz", "PUT", stream, headers("Content-Type: application/octet-stream"),
                        null, Expect.SUCCESS));
                byte[] request = RawHttp.request("POST " + stream + " HTTP/1.1", List.of("Host: x",
                        "Content-Type: application/octet-stream", "Transfer-Encoding: chunked", "Connection: close"),
                        chunked(size, pieces));
                seen.add(t.raw(t.open, "fuzz", "POST " + stream + " chunked " + size + " bytes in " + pieces,
                        request, size <= limit ? Expect.SUCCESS : Expect.REFUSED_OR_CLOSED));
            }
        }
        return seen;
    }

    private static byte[] chunked(int size, int pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int left = size;
        for (int i = 0; i < pieces; i++) {
            int n = i == pieces - 1 ? left : size / pieces;
            byte[] data = new byte[n];
            Arrays.fill(data, (byte) 'z');
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(data);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            left -= n;
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
