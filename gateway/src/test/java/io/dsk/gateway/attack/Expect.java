package io.dsk.gateway.attack;

import java.util.Arrays;
import java.util.function.Predicate;

/**
 * What a case expects of one answer, beyond what the oracle asks of every answer (no 5xx, no
 * hang, no leak). {@code closeAllowed}: closing the connection without an answer is an orderly
 * refusal here.
 */
record Expect(String description, Predicate<Answer> test, boolean closeAllowed) {

    /** Any answer but a 5xx, or an orderly close: for fuzzed input the docs say nothing about. */
    static final Expect ANY = new Expect("any non-5xx answer or a close", answer -> true, true);
    /** A 2xx. */
    static final Expect SUCCESS = status("2xx", 200, 299, false);
    /** A 4xx with a reason. */
    static final Expect REFUSED = status("4xx", 400, 499, false);
    /** A 4xx, or a close as the docs allow where a request cannot even be parsed. */
    static final Expect REFUSED_OR_CLOSED = status("4xx or a close", 400, 499, true);

    static Expect status(String description, int from, int to, boolean closeAllowed) {
        return new Expect(description, answer -> answer.status() >= from && answer.status() <= to, closeAllowed);
    }

    static Expect oneOf(int... codes) {
        return new Expect(Arrays.toString(codes), answer -> Arrays.stream(codes).anyMatch(c -> c == answer.status()),
                false);
    }

    /** This expectation, or else {@code alternative}. */
    Expect or(String what, Predicate<Answer> alternative) {
        return new Expect(description + " or " + what, test.or(alternative), closeAllowed);
    }

    /** This expectation and also {@code check}. */
    Expect and(String what, Predicate<Answer> check) {
        return new Expect(description + " and " + what, test.and(check), closeAllowed);
    }
}
