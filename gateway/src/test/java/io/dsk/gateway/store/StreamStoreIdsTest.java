package io.dsk.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamStoreIdsTest {

    @TempDir
    Path dir;

    @Test
    void idsAreNeverReusedEvenAfterTheNewestStreamIsDroppedAndTheStoreReopens() throws Exception {
        long dropped;
        try (StreamStore store = new StreamStore(RocksDbKeyValueStore.open(dir))) {
            store.newStreamId();
            dropped = store.newStreamId();
            store.commit(store.mutation().putMetadata(meta(dropped)), true);
            store.commit(store.mutation().dropStream(dropped), true);
        }
        try (StreamStore reopened = new StreamStore(RocksDbKeyValueStore.open(dir))) {
            assertThat(reopened.newStreamId()).isGreaterThan(dropped);
        }
    }

    @Test
    void idsIncreaseWithinOneStore() {
        try (StreamStore store = new StreamStore(new InMemoryKeyValueStore())) {
            long previous = 0;
            for (int i = 0; i < 3000; i++) {
                long id = store.newStreamId();
                assertThat(id).isGreaterThan(previous);
                previous = id;
            }
        }
    }

    private static StreamMetadata meta(long id) {
        return new StreamMetadata(id, "p", "text/plain", -1, null, -1, 0, 0, false, null, null, -1, null, 0, 0, false);
    }
}
