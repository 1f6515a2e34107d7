package io.dsk.gateway.attack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one judge of every answer. An answer fails when it is a 5xx (the docs promise none outside
 * shutdown, but for the 501 of a transfer coding the gateway does not implement, RFC 9112 6.1), when nothing came back within the bound (a hang), when the connection was cut where
 * the case allows no close, when its status is not what the case expects, or when it carries a
 * secret planted by anyone but its own principal (a leak across grants).
 */
final class Oracle {

    private final Duration bound;
    /** Planted secret to its owner. */
    private final Map<String, String> secrets = new ConcurrentHashMap<>();

    Oracle(Duration bound) {
        this.bound = bound;
    }

    /** Remembers a secret that only {@code owner} may ever see. */
    void plant(String secret, String owner) {
        secrets.put(secret, owner);
    }

    List<String> judge(List<Observation> observations) {
        List<String> problems = new ArrayList<>();
        for (Observation o : observations) {
            String problem = judge(o);
            if (problem != null) {
                problems.add(o.principal() + " " + o.request() + " -> " + o.answer() + ": " + problem);
            }
        }
        return problems;
    }

    private String judge(Observation o) {
        Answer a = o.answer();
        switch (a.kind()) {
            case TIMEOUT:
                return "no answer and no close within " + bound.toSeconds() + " s (hang)";
            case CLOSED:
            case RESET:
                return o.expect().closeAllowed() ? null : "connection ended without an answer; expected "
                        + o.expect().description();
            default:
                break;
        }
        if (a.status() >= 500 && !(a.status() == 501 && a.everything().contains("transfer coding"))) {
            return "5xx that the docs do not promise";
        }
        String text = a.everything();
        for (Map.Entry<String, String> secret : secrets.entrySet()) {
            if (!secret.getValue().equals(o.principal()) && text.contains(secret.getKey())) {
                return "LEAK: answer carries a secret of " + secret.getValue();
            }
        }
        if (!o.expect().test().test(a)) {
            return "expected " + o.expect().description();
        }
        if (a.elapsed().compareTo(bound) > 0) {
            return "answered only after " + a.elapsed().toMillis() + " ms, over the bound of " + bound.toSeconds() + " s";
        }
        return null;
    }
}
