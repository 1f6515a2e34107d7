package io.dsk.gateway.attack;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Per-address rate limits on the {@code edge} gateway (5 requests per second, burst 20, at most 64
 * buckets). Forwarding headers must not be trusted by default: one address cannot escape its
 * bucket by naming other clients in {@code X-Forwarded-For}, {@code Forwarded} or
 * {@code X-Real-IP}. Many real addresses (127.0.0.x, more than the bucket limit) each get their
 * own budget, and one address using up its own leaves the others alone.
 */
final class RateLimitAttacks {

    static final int BURST = 20;

    private RateLimitAttacks() {
    }

    static List<AttackCase> cases() {
        return List.of(new AttackCase("rate#0", RateLimitAttacks::forwardingHeadersNotTrusted),
                new AttackCase("rate#1", RateLimitAttacks::manyClients));
    }

    private static List<Observation> forwardingHeadersNotTrusted(AttackTargets t, Random random) throws Exception {
        List<Observation> seen = new ArrayList<>();
        InetAddress local = InetAddress.getByName("127.0.0.250");
        int limited = 0;
        int sent = 3 * BURST;
        for (int i = 0; i < sent; i++) {
            String spoof = (1 + random.nextInt(223)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                    + random.nextInt(256);
            String header = new String[] {"X-Forwarded-For: " + spoof, "Forwarded: for=" + spoof,
                "X-Real-IP: " + spoof, "X-Forwarded-For: " + spoof + ", 127.0.0.1"}[i % 4];
            Observation o = t.rawFrom(local, t.edge, "anonymous", "GET /v1/stream/open/none [" + header + "]",
                    AttackTargets.request(t.edge, "GET", "/v1/stream/open/none", List.of(header), null), Expect.ANY);
            if (o.answer().status() == 429) {
                limited++;
            }
            seen.add(o);
        }
        seen.add(new Observation("anonymous", sent + " requests from 127.0.0.250 naming other clients in forwarding"
                + " headers: " + limited + " limited", Answer.status(limited >= BURST ? 200 : 0),
                Expect.status("at least " + BURST + " answered 429 (forwarding headers are not trusted)", 200, 200, false)));
        return seen;
    }

    private static List<Observation> manyClients(AttackTargets t, Random random) throws Exception {
        List<Observation> seen = new ArrayList<>();
        InetAddress greedy = InetAddress.getByName("127.0.0.249");
        for (int i = 0; i < 2 * BURST; i++) {
            seen.add(t.rawFrom(greedy, t.edge, "anonymous", "GET /v1/stream/open/none from 127.0.0.249",
                    AttackTargets.request(t.edge, "GET", "/v1/stream/open/none", List.of(), null), Expect.ANY));
        }
        Expect notLimited = Expect.status("not 429: this address has its own budget", 400, 428, false);
        for (int host = 10; host < 150; host++) {
            InetAddress local = InetAddress.getByName("127.0.0." + host);
            for (int k = 0; k < 3; k++) {
                seen.add(t.rawFrom(local, t.edge, "anonymous", "GET /v1/stream/open/none from 127.0.0." + host,
                        AttackTargets.request(t.edge, "GET", "/v1/stream/open/none", List.of(), null), notLimited));
            }
        }
        return seen;
    }
}
