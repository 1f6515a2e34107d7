package io.dsk.gateway.streams;

import io.dsk.gateway.cluster.MemoryClusters;
import io.dsk.gateway.cluster.MemoryCommandLog;
import io.dsk.gateway.store.InMemoryKeyValueStore;
import io.dsk.gateway.store.KeyValueStore;
import io.dsk.gateway.store.StreamStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * The stream domain's rules in cluster mode: every change goes through a command log (here in
 * memory) and is answered once the node applied it, with the log's time. The same answers as a
 * single node, test for test; a test that reopens the streams reopens the node, which resumes from
 * its checkpoint.
 */
class ReplicatedStreamsTest extends StreamsContract {

    private final MemoryCommandLog log = new MemoryCommandLog(1, clock::get);
    private final List<MemoryClusters.Node> nodes = new ArrayList<>();

    @Override
    protected KeyValueStore engine() {
        return new InMemoryKeyValueStore();
    }

    @Override
    protected Streams openStreams(int maxForkDepth) {
        MemoryClusters.Node node = MemoryClusters.node(log, store, changes::add, clock::get, maxForkDepth);
        nodes.add(node);
        node.awaitCaughtUp();
        return node.streams();
    }

    @Override
    protected boolean readsWaitForOtherNodes() {
        return true;
    }

    /** A replica's store changes only through its apply, so the node stops while the old data is written. */
    @Override
    protected void writeAsAnOlderVersionDid(StreamStore.Mutation mutation) {
        streams.close();
        new StreamStore(engine).commit(mutation, true);
        // the node restarts on what was written, as after an upgrade: a store that has not read it yet
        store = new StreamStore(engine);
        streams = openStreams(Streams.DEFAULT_MAX_FORK_DEPTH);
    }

    @AfterEach
    void closeNodes() {
        nodes.forEach(MemoryClusters.Node::close);
    }
}
