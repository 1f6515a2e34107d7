package io.dsk.gateway.attack;

import static io.dsk.gateway.attack.AttackTargets.headers;
import static io.dsk.gateway.attack.AttackTargets.utf8;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Slow clients must not starve others: connections that send their headers a byte at a time, that
 * declare a body and stall, or that ask for a large read and never take it. While they hang on,
 * ordinary requests are still answered within the bound; and a request sent slowly, byte by byte,
 * still gets its answer.
 */
final class SlowClientAttacks {

    private static final int SLOW_CONNECTIONS = 60;

    private SlowClientAttacks() {
    }

    static List<AttackCase> cases() {
        return List.of(new AttackCase("slow#0", SlowClientAttacks::othersStillServed),
                new AttackCase("slow#1", SlowClientAttacks::bytewiseRequest));
    }

    private static List<Observation> othersStillServed(AttackTargets t, Random random) throws Exception {
        List<Observation> seen = new ArrayList<>();
        String big = "/v1/stream/slow-big";
        seen.add(t.http(t.open, "slow", "PUT", big, headers("Content-Type: application/octet-stream"), null,
                Expect.SUCCESS));
        byte[] chunk = new byte[AttackTargets.MAX_APPEND_BYTES];
        for (int i = 0; i < 32; i++) {
            seen.add(t.http(t.open, "slow", "POST", big, headers("Content-Type: application/octet-stream"), chunk,
                    Expect.SUCCESS));
        }
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < SLOW_CONNECTIONS; i++) {
                Socket socket = new Socket();
                socket.connect(t.open, (int) t.bound.toMillis());
                slow.add(socket);
                OutputStream out = socket.getOutputStream();
                switch (i % 3) {
                    case 0:
                        out.write("GET /v1/stream/slow-big?offset=-1 HTTP/1.1\r\nHost: x\r\nX-Slow: "
                                .getBytes(StandardCharsets.US_ASCII));
                        break;
                    case 1:
                        out.write(("POST " + big + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\n"
                                + "Content-Length: 1000\r\n\r\nabc").getBytes(StandardCharsets.US_ASCII));
                        break;
                    default:
                        socket.setReceiveBufferSize(1024);
                        out.write(("GET " + big + "?offset=-1 HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            }
            for (int round = 0; round < 5; round++) {
                for (Socket socket : slow) {
                    drip(socket);
                }
                for (int k = 0; k < 8; k++) {
                    seen.add(t.http(t.open, "slow", "GET", "/v1/stream/slow-big?offset=-1", headers(), null,
                            Expect.SUCCESS));
                    seen.add(t.http(t.open, "slow", "POST", "/v1/stream/slow-big",
                            headers("Content-Type: application/octet-stream"), utf8("x"), Expect.SUCCESS));
                }
            }
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
        return seen;
    }

    private static void drip(Socket socket) {
        try {
            if (!socket.isOutputShutdown()) {
                socket.getOutputStream().write('a');
                socket.getOutputStream().flush();
            }
        } catch (IOException e) {
            // The server closed it: that is its right.
        }
    }

    private static List<Observation> bytewiseRequest(AttackTargets t, Random random) {
        Observation created = t.http(t.open, "slow", "PUT", "/v1/stream/slow-small", headers("Content-Type: text/plain"),
                utf8("small"), Expect.SUCCESS);
        byte[] request = AttackTargets.request(t.open, "GET", "/v1/stream/slow-small?offset=-1", List.of(), null);
        List<byte[]> pieces = new ArrayList<>();
        for (byte b : request) {
            pieces.add(new byte[] {b});
        }
        Answer answer = RawHttp.exchange(t.open, null, pieces, Duration.ofMillis(20), t.bound.plusSeconds(5), false);
        return List.of(created, new Observation("slow", "GET sent one byte per 20 ms", answer, Expect.SUCCESS));
    }

}
