package io.dsk.gateway.attack;

import java.util.List;
import java.util.Random;

/**
 * One generated attack: a name such as {@code paths#17} (family and index, which with the suite's
 * seed is enough to replay it) and what it does.
 */
record AttackCase(String name, Attack attack) {

    /** Sends the attack's requests and returns them with their answers and expectations. */
    @FunctionalInterface
    interface Attack {
        List<Observation> run(AttackTargets targets, Random random) throws Exception;
    }

    String family() {
        int hash = name.indexOf('#');
        return hash < 0 ? name : name.substring(0, hash);
    }
}
