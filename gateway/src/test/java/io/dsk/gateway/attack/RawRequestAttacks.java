package io.dsk.gateway.attack;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Malformed request lines and headers over a raw socket: bad versions and methods, missing parts,
 * bare LF, NUL, obs-fold, headers without a colon or name, header floods by count and by size, and
 * random byte mutations of a valid request. Every one gets a non-5xx answer or an orderly close.
 */
final class RawRequestAttacks {

    private RawRequestAttacks() {
    }

    static List<AttackCase> cases(int count) {
        List<AttackCase> cases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            cases.add(new AttackCase("raw#" + i, RawRequestAttacks::one));
        }
        return cases;
    }

    private static List<Observation> one(AttackTargets t, Random random) {
        boolean auth = random.nextBoolean();
        String target = auth ? "/v1/stream/open/raw" : "/v1/stream/raw";
        String text;
        switch (random.nextInt(4)) {
            case 0:
                text = badLine(random, target) + "\r\nHost: x\r\n\r\n";
                break;
            case 1:
                text = "GET " + target + " HTTP/1.1\r\nHost: x\r\n" + badHeaders(random) + "\r\n";
                break;
            case 2:
                text = "GET " + target + " HTTP/1.1\r\nHost: x\r\n" + flood(random) + "\r\n";
                break;
            default:
                text = mutate(random, "GET " + target + "?offset=-1 HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n\r\n");
        }
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        Answer answer = RawHttp.exchangeAndShutdownOutput(auth ? t.auth : t.open, bytes, t.bound);
        String shown = text.length() > 200 ? text.substring(0, 200) + "...(" + text.length() + " chars)" : text;
        return List.of(new Observation("fuzz", shown.replace("\r", "\\r").replace("\n", "\\n"), answer, Expect.ANY));
    }

    private static String badLine(Random random, String target) {
        String[] lines = {"GET " + target + " HTTP/9.9", "GET " + target + " HTTP/1.1x", "GET " + target + " HTTP/1",
            "GET " + target + " HTTP/2.0", "GET " + target, "GET", "", " ", "GET  " + target + "  HTTP/1.1",
            "GET " + target + " HTTP/1.1 extra", "GET\t" + target + "\tHTTP/1.1", "GET " + target + "\u0000 HTTP/1.1",
            "\u0000\u0001\u0002", "GET http://127.0.0.1" + target + " HTTP/1.1", "GET //evil" + target + " HTTP/1.1",
            "OPTIONS * HTTP/1.1", "CONNECT 127.0.0.1:22 HTTP/1.1", "GET " + "a".repeat(70_000) + " HTTP/1.1",
            "G" + "E".repeat(9000) + "T " + target + " HTTP/1.1", "GET " + target + "?" + "q".repeat(20_000) + " HTTP/1.1",
            "\r\n\r\nGET " + target + " HTTP/1.1", "GET " + target + " hTTP/1.1", "GET " + target + " HTTP/1.1\n",
            "PRI * HTTP/2.0\r\n\r\nSM", "GET \u00ff\u00fe HTTP/1.1", "GET /v1/stream/%%%% HTTP/1.1",
            "GET /v1/stream/a b HTTP/1.1", "GET " + target + " HTTP/01.01", "GET " + target + " HTTP/1.10"};
        return lines[random.nextInt(lines.length)];
    }

    private static String badHeaders(Random random) {
        String[] headers = {"NoColon\r\n", " : value\r\n", ": value\r\n", "Name : value\r\n", "X-A: a\r\n b\r\n",
            "X-A: a\r\n\tb\r\n", "X-\u0000: v\r\n", "X-A: \u0000\r\n", "X-A: \u00ff\u00fe\r\n", "X-A: a\nX-B: b\n",
            "Host: y\r\n", "Content-Length: 0\r\nContent-Length: 0\r\n", "Expect: 100-continue\r\n",
            "Expect: 999-nonsense\r\n", "Connection: upgrade\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAAP__\r\n",
            "Connection: Upgrade\r\nUpgrade: websocket\r\n", "X-A\r\n", "X A: b\r\n", "\u00e9: v\r\n",
            "Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n", "Content-Length: 0\r\n\r\nGET / HTTP/1.1\r\n",
            "Authorization: Bearer\r\n", "Authorization: Bearer a.b.c\r\n", "Authorization: " + "B".repeat(17_000) + "\r\n",
            "Cookie: dsk_token=" + "x".repeat(5000) + "\r\n", "X-Forwarded-For: 1.2.3.4\r\n", "Forwarded: for=\"[::1]\"\r\n"};
        StringBuilder out = new StringBuilder();
        for (int k = 0, n = 1 + random.nextInt(3); k < n; k++) {
            out.append(headers[random.nextInt(headers.length)]);
        }
        return out.toString();
    }

    /** Many headers, or one huge one: around and past the header size limit. */
    private static String flood(Random random) {
        StringBuilder out = new StringBuilder();
        if (random.nextBoolean()) {
            int count = new int[] {100, 1000, 5000, 20_000}[random.nextInt(4)];
            for (int i = 0; i < count; i++) {
                out.append("X-").append(i).append(": ").append(i).append("\r\n");
            }
        } else {
            int size = new int[] {15_000, 17_000, 33_000, 60_000, 300_000}[random.nextInt(5)];
            out.append("X-Big: ").append("v".repeat(size)).append("\r\n");
        }
        return out.toString();
    }

    private static String mutate(Random random, String request) {
        StringBuilder out = new StringBuilder(request);
        for (int k = 0, n = 1 + random.nextInt(4); k < n; k++) {
            int at = random.nextInt(out.length());
            switch (random.nextInt(3)) {
                case 0:
                    out.setCharAt(at, (char) random.nextInt(256));
                    break;
                case 1:
                    out.insert(at, (char) random.nextInt(256));
                    break;
                default:
                    out.deleteCharAt(at);
            }
        }
        return out.toString();
    }
}
