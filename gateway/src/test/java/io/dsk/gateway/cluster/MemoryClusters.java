package io.dsk.gateway.cluster;

import io.dsk.gateway.store.StreamStore;
import io.dsk.gateway.streams.StreamListener;
import io.dsk.gateway.streams.Streams;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/** Builds cluster nodes over a {@link MemoryCommandLog}, for tests outside this package. */
public final class MemoryClusters {

    private MemoryClusters() {
    }

    /** A node's streams over {@code store}, applying and writing {@code log}; close the node after the streams. */
    public static Node node(MemoryCommandLog log, StreamStore store, StreamListener listener, LongSupplier wallClock,
                            int maxForkDepth) {
        return node(log, store, listener, wallClock, maxForkDepth, Duration.ofSeconds(10));
    }

    /** Like {@link #node(MemoryCommandLog, StreamStore, StreamListener, LongSupplier, int)}, with {@code cluster-read-wait}. */
    public static Node node(MemoryCommandLog log, StreamStore store, StreamListener listener, LongSupplier wallClock,
                            int maxForkDepth, Duration readWait) {
        ClusterSettings settings = new ClusterSettings(List.of("memory:0"), "dsk.log", java.util.Map.of(), "test", 1, 3, 2,
                readWait, Duration.ofSeconds(10));
        ClusterNode node = new ClusterNode(log, settings, wallClock, Leadership.alone());
        Streams streams = new Streams(store, listener, node.clock(), maxForkDepth,
                io.dsk.gateway.streams.AppendCommitListener.NONE, node::changes);
        return new Node(node, streams);
    }

    /** A node and its streams. */
    public record Node(ClusterNode node, Streams streams) implements AutoCloseable {
        /** Waits until the node has applied everything in the log at the time of the call. */
        public void awaitCaughtUp() {
            streams.list("", null, 1);
        }

        @Override
        public void close() {
            streams.close();
            node.close();
        }
    }
}
