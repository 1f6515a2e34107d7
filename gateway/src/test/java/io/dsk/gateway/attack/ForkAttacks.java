package io.dsk.gateway.attack;

import static io.dsk.gateway.attack.AttackTargets.headers;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Forks across grants and deep fork chains. Bob creates a fork in his own space whose
 * {@code Stream-Forked-From} names Alice's stream, spelled as {@code /v1/stream/p}, {@code p}, a
 * full URL or a trick path, then reads it: Alice's bytes must never come back. A chain of 2,000
 * forks is built, soft-deleted from the root down and dropped from the leaf: every step gets a
 * non-5xx answer within the bound (a depth limit refusing further forks with a 4xx is fine).
 */
final class ForkAttacks {

    /** Depth of the fork chain. */
    static final int CHAIN_DEPTH = 2000;

    private ForkAttacks() {
    }

    static List<AttackCase> cases(int count) {
        List<AttackCase> cases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            cases.add(new AttackCase("forks#" + i, (targets, random) -> acrossUsers(targets, random, index)));
        }
        cases.add(new AttackCase("fork-chain#0", ForkAttacks::deepChain));
        return cases;
    }

    private static String source(AttackTargets t, Random random) {
        String path = random.nextBoolean() ? "users/alice/secret" : "users/alice/json";
        String[] spellings = {"/v1/stream/" + path, path, "http://127.0.0.1:" + t.auth.getPort() + "/v1/stream/" + path,
            "https://elsewhere.example/v1/stream/" + path, "/v1/stream/users/bob/../alice/" + path.substring(12),
            "users/bob/../alice/" + path.substring(12), " " + path + " ", "/" + path, "//v1/stream/" + path,
            "/v1/stream/" + path.replace("/", "%2F"), "/v1/stream/users/%61lice/" + path.substring(12),
            "users/alice//" + path.substring(12), "/v1/stream/./" + path, "HTTP://127.0.0.1/v1/stream/" + path,
            "/v1/stream/" + path + "?offset=-1", "/v1/stream/" + path + ";x", "/V1/STREAM/" + path};
        return spellings[random.nextInt(spellings.length)];
    }

    private static List<Observation> acrossUsers(AttackTargets t, Random random, int index) {
        List<Observation> seen = new ArrayList<>();
        String from = source(t, random);
        String type = from.contains("json") ? "application/json" : "text/plain";
        boolean anonymous = random.nextInt(3) == 0;
        String principal = anonymous ? "anonymous" : "bob";
        String fork = anonymous ? "/v1/stream/open/fork" + index : "/v1/stream/users/bob/fork" + index;
        List<String> h = headers("Content-Type: " + type, "Stream-Forked-From: " + from);
        if (random.nextBoolean()) {
            h.add("Stream-Fork-Offset: " + (random.nextBoolean() ? "-1" : "0000000000000000_0000000000000000"));
        }
        if (!anonymous) {
            h.add(t.bearer("bob"));
        }
        seen.add(t.http(t.auth, principal, "PUT", fork, h, null, Expect.REFUSED));
        List<String> read = anonymous ? headers() : headers(t.bearer("bob"));
        seen.add(t.http(t.auth, principal, "GET", fork + "?offset=-1", read, null, Expect.ANY));
        seen.add(t.http(t.auth, principal, "HEAD", fork, read, null, Expect.ANY));
        return seen;
    }

    private static List<Observation> deepChain(AttackTargets t, Random random) {
        List<Observation> seen = new ArrayList<>();
        String prefix = "/v1/stream/chain/";
        seen.add(t.http(t.open, "chain", "PUT", prefix + 0, headers("Content-Type: text/plain"),
                AttackTargets.utf8("root"), Expect.SUCCESS));
        int depth = 0;
        while (depth < CHAIN_DEPTH) {
            Observation fork = t.http(t.open, "chain", "PUT", prefix + (depth + 1),
                    headers("Content-Type: text/plain", "Stream-Forked-From: /v1/stream/chain/" + depth), null, Expect.ANY);
            if (fork.answer().status() / 100 != 2) {
                seen.add(new Observation(fork.principal(), fork.request(), fork.answer(), Expect.REFUSED));
                break;
            }
            depth++;
            if (depth % 100 == 0) {
                seen.add(fork);
            }
        }
        seen.add(t.http(t.open, "chain", "GET", prefix + depth + "?offset=-1", headers(), null, Expect.SUCCESS));
        for (int level = 0; level < depth; level++) {
            Observation delete = t.http(t.open, "chain", "DELETE", prefix + level, headers(), null, Expect.SUCCESS);
            if (!judgedFine(delete) || level % 100 == 0) {
                seen.add(delete);
            }
        }
        seen.add(t.http(t.open, "chain", "DELETE", prefix + depth, headers(), null, Expect.SUCCESS));
        seen.add(t.http(t.open, "chain", "GET", prefix + depth, headers(), null, Expect.oneOf(404, 410)));
        seen.add(t.http(t.open, "chain", "PUT", prefix + 0, headers("Content-Type: text/plain"), null, Expect.ANY));
        return seen;
    }

    private static boolean judgedFine(Observation o) {
        return o.answer().kind() == Answer.Kind.ANSWERED && o.answer().status() / 100 == 2
                && o.answer().elapsed().compareTo(java.time.Duration.ofSeconds(1)) < 0;
    }
}
