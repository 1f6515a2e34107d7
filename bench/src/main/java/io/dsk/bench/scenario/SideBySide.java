package io.dsk.bench.scenario;

import io.dsk.bench.run.BenchContext;
import io.dsk.bench.run.ServerUnderTest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Both servers of one round, started fresh (empty data directories) and stopped at the end of
 * the round. Rounds alternate which server is measured first, so neither always profits from a
 * quieter or warmer machine.
 */
final class SideBySide implements AutoCloseable {

    private final ServerUnderTest dsk;
    private final ServerUnderTest reference;
    private final int round;

    private SideBySide(ServerUnderTest dsk, ServerUnderTest reference, int round) {
        this.dsk = dsk;
        this.reference = reference;
        this.round = round;
    }

    /** Starts both servers for a round (0-based). */
    static SideBySide start(BenchContext context, int round) throws IOException {
        ServerUnderTest dsk = context.startGateway(Map.of());
        try {
            return new SideBySide(dsk, context.startReference(), round);
        } catch (IOException | RuntimeException e) {
            dsk.close();
            throw e;
        }
    }

    ServerUnderTest dsk() {
        return dsk;
    }

    /** The servers in this round's order: dsk first in even rounds, the reference first in odd ones. */
    List<ServerUnderTest> inOrder() {
        List<ServerUnderTest> order = new ArrayList<>(List.of(dsk, reference));
        if (round % 2 == 1) {
            Collections.reverse(order);
        }
        return order;
    }

    @Override
    public void close() {
        dsk.close();
        reference.close();
    }
}
