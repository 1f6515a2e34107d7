package io.dsk.gateway.attack;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The {@code edge} gateway fetches keys from a hostile JWKS server that stalls, trickles, floods,
 * redirects, sends HTML or garbage, or an empty set. A token naming an unknown key makes the
 * gateway refetch: it must answer 401 within the bound however the server behaves, and the key it
 * already holds must keep verifying.
 */
final class JwksAttacks {

    private JwksAttacks() {
    }

    static List<AttackCase> cases() {
        List<AttackCase> cases = new ArrayList<>();
        HostileKeyServer.Mode[] modes = HostileKeyServer.Mode.values();
        for (int i = 0; i < modes.length; i++) {
            HostileKeyServer.Mode mode = modes[i];
            int host = 200 + i;
            cases.add(new AttackCase("jwks#" + i, (targets, random) -> hostile(targets, random, mode, host)));
        }
        return cases;
    }

    /**
     * Makes sure the gateway holds the good key: a token naming it is verified (404, no such
     * stream) once a fetch from the behaving server went through; a fetch may time out on a busy
     * machine, so it is asked a few times.
     */
    static Observation prime(AttackTargets t, InetAddress local) {
        String known = t.tokens.rsa("carol", Tokens.GOOD_KID);
        Observation o = null;
        for (int attempt = 0; attempt < 5 && (o == null || o.answer().status() != 404); attempt++) {
            o = t.rawFrom(local, t.edge, "carol", "GET with the known kid while the key server behaves",
                    AttackTargets.request(t.edge, "GET", "/v1/stream/users/carol/x",
                            List.of("Authorization: Bearer " + known), null), Expect.oneOf(404));
        }
        return o;
    }

    private static List<Observation> hostile(AttackTargets t, Random random, HostileKeyServer.Mode mode, int host)
            throws Exception {
        InetAddress local = InetAddress.getByName("127.0.0." + host);
        List<Observation> seen = new ArrayList<>();
        synchronized (t.keyServer) {
            seen.add(prime(t, local));
            t.keyServer.mode(mode);
            try {
                String unknown = t.tokens.rsa("mallory", "rotated-" + mode + "-" + random.nextInt(1000));
                seen.add(t.rawFrom(local, t.edge, "mallory", "GET with an unknown kid while the key server is " + mode,
                        AttackTargets.request(t.edge, "GET", "/v1/stream/users/mallory/x",
                                List.of("Authorization: Bearer " + unknown), null), Expect.oneOf(401)));
                String known = t.tokens.rsa("carol", Tokens.GOOD_KID);
                seen.add(t.rawFrom(local, t.edge, "carol", "GET with the known kid while the key server is " + mode,
                        AttackTargets.request(t.edge, "GET", "/v1/stream/users/carol/x",
                                List.of("Authorization: Bearer " + known), null),
                        mode == HostileKeyServer.Mode.EMPTY_SET ? Expect.oneOf(401, 404) : Expect.oneOf(404)));
            } finally {
                t.keyServer.mode(HostileKeyServer.Mode.GOOD);
            }
        }
        return seen;
    }
}
