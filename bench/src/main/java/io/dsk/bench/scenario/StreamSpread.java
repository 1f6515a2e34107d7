package io.dsk.bench.scenario;

/**
 * How closed-loop writers spread their appends over many streams, as ds-bench does: writer
 * {@code w}'s {@code k}-th append goes to stream {@code (w + k * writers) mod streams}. With no more
 * writers than streams, writers that are at the same step never share a stream, and every stream is
 * written to in turn.
 *
 * @param writers concurrent writers
 * @param streams streams they spread over
 */
record StreamSpread(int writers, int streams) {

    StreamSpread {
        if (writers < 1 || streams < 1) {
            throw new IllegalArgumentException("writers and streams must be at least 1, got " + writers + " and "
                    + streams);
        }
    }

    /** The stream index of writer {@code writer}'s {@code k}-th append (both from 0). */
    int streamOf(int writer, long k) {
        return (int) Math.floorMod(writer + k * writers, (long) streams);
    }
}
