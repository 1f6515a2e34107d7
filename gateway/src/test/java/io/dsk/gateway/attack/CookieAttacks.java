package io.dsk.gateway.attack;

import static io.dsk.gateway.attack.AttackTargets.headers;
import static io.dsk.gateway.attack.AttackTargets.utf8;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Cross-site requests with Alice's cookie: a write, create or delete authenticated only by the
 * cookie, from any Origin, is refused (cookie writes are off by default), and no answer ever
 * grants credentialed cross-origin access ({@code Access-Control-Allow-Credentials: true}).
 */
final class CookieAttacks {

    private static final String[] ORIGINS = {"https://evil.example", "null", "http://127.0.0.1",
        "https://evil.example.127.0.0.1", "file://", ""};

    private CookieAttacks() {
    }

    static List<AttackCase> cases(int count) {
        List<AttackCase> cases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            cases.add(new AttackCase("cookies#" + i, CookieAttacks::one));
        }
        return cases;
    }

    private static List<Observation> one(AttackTargets t, Random random) {
        List<Observation> seen = new ArrayList<>();
        String origin = ORIGINS[random.nextInt(ORIGINS.length)];
        String cookie = "Cookie: " + (random.nextBoolean() ? "" : "other=1; ") + "dsk_token=" + t.tokens.hmac("alice");
        Expect noCredentials = Expect.ANY.and("no Access-Control-Allow-Credentials: true",
                a -> !"true".equalsIgnoreCase(String.valueOf(a.header("access-control-allow-credentials"))));
        String method = new String[] {"POST", "PUT", "DELETE", "POST"}[random.nextInt(4)];
        String type = new String[] {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/json"}[random.nextInt(4)];
        String target = method.equals("PUT") ? "/v1/stream/users/alice/csrf-" + random.nextInt(1_000_000)
                : "/v1/stream/users/alice/inbox";
        seen.add(t.http(t.auth, "csrf", method, target, headers("Origin: " + origin, cookie, "Content-Type: " + type),
                method.equals("DELETE") ? null : utf8("forged"), Expect.REFUSED.and("no Access-Control-Allow-Credentials: true",
                        a -> !"true".equalsIgnoreCase(String.valueOf(a.header("access-control-allow-credentials"))))));
        seen.add(t.http(t.auth, "alice", "GET", "/v1/stream/users/alice/inbox?offset=-1",
                headers("Origin: " + origin, cookie), null, noCredentials));
        seen.add(t.http(t.auth, "csrf", "OPTIONS", "/v1/stream/users/alice/inbox", headers("Origin: " + origin,
                "Access-Control-Request-Method: " + method, "Access-Control-Request-Headers: content-type, authorization"),
                null, noCredentials));
        return seen;
    }
}
