package io.dsk.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A store over an engine at its bound refuses new streams and data, and takes everything else. */
class StreamStoreLimitTest {

    @Test
    void aFullEngineRefusesNewStreamsAndDataButTakesClosesAndDrops() {
        InMemoryKeyValueStore engine = new InMemoryKeyValueStore(2_000);
        try (StreamStore store = new StreamStore(engine)) {
            long id = store.newStreamId();
            StreamMetadata meta = meta(id);
            store.commit(store.mutation().putNewStream(meta).bindPath("p", id), true);
            store.commit(store.mutation().putData(id, 0, new byte[1_500]).moveTail(id, 1_500), true);
            long held = engine.heldBytes();

            assertThatThrownBy(() -> store.commit(store.mutation().putData(id, 1_500, new byte[1]).moveTail(id, 1_501),
                    true)).isInstanceOfSatisfying(StoreException.class, e -> {
                        assertThat(e.limitReached()).isTrue();
                        assertThat(e.getMessage()).contains("--in-memory-max-bytes");
                    });
            long other = store.newStreamId();
            assertThatThrownBy(() -> store.commit(store.mutation().putNewStream(meta(other)), true))
                    .isInstanceOf(StoreException.class);
            assertThat(engine.heldBytes()).isEqualTo(held);
            assertThat(store.byId(id).orElseThrow().tail()).isEqualTo(1_500);
            assertThat(store.byId(other)).isEmpty();

            store.commit(store.mutation().putMetadata(meta.withTail(1_500).withClosed(null)), true);
            assertThat(store.byId(id).orElseThrow().closed()).isTrue();
            store.commit(store.mutation().unbindPath("p").dropStream(id), true);
            assertThat(engine.full()).isNull();
            store.commit(store.mutation().putNewStream(meta(other)), true);
            assertThat(store.byId(other)).isPresent();
        }
    }

    private static StreamMetadata meta(long id) {
        return new StreamMetadata(id, "p", "text/plain", -1, null, -1, 0, 0, false, null, null, -1, null, 0, 0, false);
    }
}
