package io.dsk.gateway.attack;

import static io.dsk.gateway.attack.AttackTargets.headers;
import static io.dsk.gateway.attack.AttackTargets.utf8;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * Spellings of a stream path that must not reach the stream: dot segments, encoded slashes,
 * double encoding, raw {@code ;}, empty segments, invalid or overlong UTF-8, control characters,
 * malformed escapes, an encoded {@code /v1/stream/} prefix, and the reserved {@code __ds} segment.
 * With auth off each case plants a secret in its own stream and tries to reach it by a spelling
 * that the docs refuse (400); with auth on, Bob tries every spelling, valid or not, of Alice's streams.
 */
final class PathAttacks {

    private static final String[] METHODS = {"GET", "HEAD", "PUT", "POST", "DELETE"};

    /** Each turns (dir, name) of a stream {@code dir/name} into a request target that must be refused. */
    private static final List<BiFunction<String, String, String>> INVALID = List.of(
            (d, n) -> "/v1/stream/" + d + "/x/../" + n,
            (d, n) -> "/v1/stream/x/../" + d + "/" + n,
            (d, n) -> "/v1/stream/" + d + "/./" + n,
            (d, n) -> "/v1/stream/" + d + "/x/%2e%2e/" + n,
            (d, n) -> "/v1/stream/" + d + "/x/%2E./" + n,
            (d, n) -> "/v1/stream/" + d + "/x/.%2e/" + n,
            (d, n) -> "/v1/stream/" + d + "%2F" + n,
            (d, n) -> "/v1/stream/" + d + "%2f" + n,
            (d, n) -> "/v1/stream/" + d + "%5C" + n,
            (d, n) -> "/v1/stream/" + d + "\\" + n,
            (d, n) -> "/v1/stream/" + d + "/" + n + ";x",
            (d, n) -> "/v1/stream/" + d + "/" + n + ";",
            (d, n) -> "/v1/stream/" + d + ";x/" + n,
            (d, n) -> "/v1/stream/" + d + "/" + n + ";jsessionid=1",
            (d, n) -> "/v1/stream/" + d + "//" + n,
            (d, n) -> "/v1/stream/" + d + "/" + n + "/",
            (d, n) -> "/v1/stream//" + d + "/" + n,
            (d, n) -> "/v1/stream/" + d + "/" + n + "%C0%AE",
            (d, n) -> "/v1/stream/" + d + "/" + n + "%C0%AF",
            (d, n) -> "/v1/stream/" + d + "/" + n + "%FF",
            (d, n) -> "/v1/stream/" + d + "/" + n + "%ED%A0%80",
            (d, n) -> "/v1/stream/" + d + "/" + n + "%F4%90%80%80",
            (d, n) -> "/v1/stream/" + d + "/" + n + "%E2%82",
            (d, n) -> "/v1/stream/" + d + "/" + n + "%80",
            (d, n) -> "/v1/stream/" + d + "/" + n + "\u00ff",
            (d, n) -> "/v1/stream/" + d + "/" + n + "%00",
            (d, n) -> "/v1/stream/" + d + "/" + n + "%0A",
            (d, n) -> "/v1/stream/" + d + "/" + n + "%",
            (d, n) -> "/v1/stream/" + d + "/" + n + "%G1",
            (d, n) -> "/v1/stream/" + d + "/" + n + "%2",
            (d, n) -> "/v1/stream%2F" + d + "/" + n,
            (d, n) -> "/v1/stream/../stream/" + d + "/" + n,
            (d, n) -> "/v1/x/../stream/" + d + "/" + n,
            (d, n) -> "/v1/stream/%2e/" + d + "/" + n);

    /**
     * Valid spellings of the same path, or (decoded once, as the stream path rule says) of another path
     * under the same owner: with auth on they must still be refused to the wrong user.
     */
    private static final List<BiFunction<String, String, String>> VALID = List.of(
            (d, n) -> "/v1/stream/" + d + "/" + n,
            (d, n) -> "/%76%31/stream/" + d + "/" + n,
            (d, n) -> "/v1/%73tream/" + d + "/" + n,
            (d, n) -> "/v1/stream/" + d + "%252F" + n,
            (d, n) -> "/v1/stream/" + d + "/x/%252e%252e/" + n,
            (d, n) -> "/v1/stream/" + d + "/" + n + "%25",
            (d, n) -> "/v1/stream/" + percentAll(d) + "/" + n,
            (d, n) -> "/v1/stream/" + d + "/" + percentAll(n),
            (d, n) -> "/v1/stream/" + d + "/" + n + "?offset=-1",
            (d, n) -> "/v1/stream/" + d + "/" + n + "?offset=-1&live=long-poll",
            (d, n) -> "/v1/stream/" + d + "/" + n + "?offset=-1&live=sse",
            (d, n) -> "http://127.0.0.1/v1/stream/" + d + "/" + n,
            (d, n) -> "/v1/stream/" + d + "/" + n + "#frag",
            (d, n) -> "/v1/stream/" + d + "/" + n + "?/../../" + "users/bob/secret");

    /** Control APIs: they need an admin grant on {@code __ds}, which no user has. */
    private static final String[] CONTROL = {"/v1/stream/__ds/streams", "/v1/stream/__ds/streams?prefix=users/alice",
        "/v1/stream/__ds/source-offsets?path=users/alice/secret", "/v1/stream/users/bob/../../__ds/streams",
        "/v1/stream/%5F%5Fds/streams", "/v1/stream/__ds%2Fstreams", "/v1/stream/__ds"};

    private PathAttacks() {
    }

    static List<AttackCase> cases(int count) {
        List<AttackCase> cases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = "paths#" + i;
            int index = i;
            cases.add(new AttackCase(name, i % 3 == 2
                    ? (targets, random) -> acrossUsers(targets, random)
                    : (targets, random) -> ownStream(targets, random, index)));
        }
        for (int i = 0; i < INVALID.size(); i++) {
            int which = i;
            cases.add(new AttackCase("path-spelling#" + i, (targets, random) -> everyMethod(targets, which)));
        }
        cases.add(new AttackCase("reserved#0", PathAttacks::reserved));
        return cases;
    }

    /** Auth off: plants a secret in {@code c<i>/a} and asks for it by three refused spellings. */
    private static List<Observation> ownStream(AttackTargets t, Random random, int index) {
        String dir = "c" + index;
        String owner = "owner-" + dir;
        String secret = "SECRET-" + dir + "-" + Long.toHexString(random.nextLong());
        t.oracle.plant(secret, owner);
        List<Observation> seen = new ArrayList<>();
        seen.add(t.http(t.open, owner, "PUT", "/v1/stream/" + dir + "/a", headers("Content-Type: text/plain"),
                utf8(secret), Expect.SUCCESS));
        for (int k = 0; k < 3; k++) {
            String method = METHODS[random.nextInt(METHODS.length)];
            String target = INVALID.get(random.nextInt(INVALID.size())).apply(dir, "a") + query(random);
            byte[] body = method.equals("PUT") || method.equals("POST") ? utf8("x") : null;
            seen.add(t.http(t.open, "spelling", method, target, headers("Content-Type: text/plain"), body,
                    Expect.REFUSED));
        }
        return seen;
    }

    /** Auth on: Bob (or nobody) asks for Alice's streams by any spelling. */
    private static List<Observation> acrossUsers(AttackTargets t, Random random) {
        List<Observation> seen = new ArrayList<>();
        boolean bob = random.nextBoolean();
        String principal = bob ? "bob" : "anonymous";
        for (int k = 0; k < 3; k++) {
            List<BiFunction<String, String, String>> spellings = random.nextBoolean() ? INVALID : VALID;
            String name = random.nextBoolean() ? "secret" : "json";
            String target = spellings.get(random.nextInt(spellings.size())).apply("users/alice", name);
            if (random.nextInt(8) == 0) {
                target = CONTROL[random.nextInt(CONTROL.length)];
            }
            if (random.nextInt(4) == 0) {
                target = target.replace("/v1/stream/users/alice", "/v1/stream/users/bob/../alice");
            }
            String method = METHODS[random.nextInt(METHODS.length)];
            List<String> headers = headers("Content-Type: " + (name.equals("json") ? "application/json" : "text/plain"));
            if (bob) {
                headers.add(t.bearer("bob"));
            }
            byte[] body = method.equals("PUT") || method.equals("POST") ? utf8(name.equals("json") ? "[1]" : "x") : null;
            seen.add(t.http(t.auth, principal, method, target, headers, body, Expect.REFUSED));
        }
        return seen;
    }

    /** One refused spelling with every method, auth off and auth on (as Alice on her own stream). */
    private static List<Observation> everyMethod(AttackTargets t, int which) {
        List<Observation> seen = new ArrayList<>();
        for (String method : METHODS) {
            byte[] body = method.equals("PUT") || method.equals("POST") ? utf8("x") : null;
            String openTarget = INVALID.get(which).apply("vault", "secret");
            seen.add(t.http(t.open, "spelling", method, openTarget, headers("Content-Type: text/plain"), body,
                    Expect.REFUSED));
            String authTarget = INVALID.get(which).apply("users/alice", "secret");
            seen.add(t.http(t.auth, "alice-spelling", method, authTarget,
                    headers("Content-Type: text/plain", t.bearer("alice")), body, Expect.REFUSED));
        }
        return seen;
    }

    /** The control segment {@code __ds} under other spellings must never become a stream. */
    private static List<Observation> reserved(AttackTargets t, Random random) {
        List<Observation> seen = new ArrayList<>();
        String[] targets = {"/v1/stream/__ds%2Fx", "/v1/stream/__ds%2fx", "/v1/stream/%5F%5Fds/x",
            "/v1/stream/%5f%5fds%2Fx", "/v1/stream/__ds;x", "/v1/stream/__ds/../x", "/v1/stream/x/../__ds/x",
            "/v1/stream/__ds", "/v1/stream/__ds/", "/v1/stream/__ds/x", "/v1/stream/__d%73/x"};
        for (String target : targets) {
            seen.add(t.http(t.open, "spelling", "PUT", target, headers("Content-Type: text/plain"), utf8("x"),
                    Expect.REFUSED));
            seen.add(t.http(t.auth, "alice-spelling", "PUT",
                    target.replace("/v1/stream/", "/v1/stream/users/alice/../../"),
                    headers("Content-Type: text/plain", t.bearer("alice")), utf8("x"), Expect.REFUSED));
            seen.add(t.http(t.auth, "anonymous", "GET", target.replace("/x", "/streams"), headers(), null,
                    Expect.REFUSED));
        }
        return seen;
    }

    private static String query(Random random) {
        switch (random.nextInt(4)) {
            case 0:
                return "?offset=-1";
            case 1:
                return "?offset=-1&live=long-poll";
            default:
                return "";
        }
    }

    private static String percentAll(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(c == '/' ? "/" : String.format("%%%02X", (int) c));
        }
        return out.toString();
    }
}
