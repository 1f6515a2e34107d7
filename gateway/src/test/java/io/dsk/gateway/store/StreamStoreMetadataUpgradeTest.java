package io.dsk.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening a store rewrites metadata of older formats in the current one, so that a gateway from
 * before appends stopped rewriting the stored tail refuses the data directory's streams instead of
 * trusting their stored tails and writing over newer data.
 */
class StreamStoreMetadataUpgradeTest {

    /** More than one upgrade batch, so the batches' boundaries are crossed. */
    private static final int STREAMS = 25_001;

    @TempDir
    Path dir;

    @Test
    void openingAStoreRewritesEveryOlderMetadataRecordInTheCurrentFormatWithTheSameContent() throws Exception {
        List<StreamMetadata> written = new ArrayList<>();
        try (RocksDbKeyValueStore engine = RocksDbKeyValueStore.open(dir)) {
            WriteBatch batch = new WriteBatch();
            for (long id = 1; id <= STREAMS; id++) {
                StreamMetadata meta = new StreamMetadata(id, "s/" + id, "text/plain", -1, null, -1, 0, 100 + id, false,
                        null, null, -1, null, 0, 0, false, 0);
                written.add(meta);
                byte[] value = MetadataCodec.encode(meta);
                value[0] = id % 2 == 0 ? MetadataCodec.VERSION_3 : MetadataCodec.CURRENT;
                batch.put(KeyLayout.meta(id), value);
            }
            engine.write(batch, true);
        }

        try (StreamStore store = new StreamStore(RocksDbKeyValueStore.open(dir))) {
            assertThat(store.streamCount()).isEqualTo(STREAMS);
            assertThat(store.byId(2)).contains(written.get(1));
        }
        try (RocksDbKeyValueStore engine = RocksDbKeyValueStore.open(dir);
                KeyValueCursor c = engine.scan(KeyLayout.tagStart(KeyLayout.META), KeyLayout.tagEnd(KeyLayout.META))) {
            int i = 0;
            while (c.next()) {
                assertThat(c.value()[0]).as("stream %d", i + 1).isEqualTo(MetadataCodec.CURRENT);
                assertThat(MetadataCodec.decode(c.value())).isEqualTo(written.get(i));
                i++;
            }
            assertThat(i).isEqualTo(STREAMS);
        }
    }

    @Test
    void aStoreWhoseMetadataIsCurrentOpensWithoutWriting() {
        InMemoryKeyValueStore memory = new InMemoryKeyValueStore();
        memory.write(new WriteBatch().put(KeyLayout.meta(1), MetadataCodec.encode(new StreamMetadata(1, "a",
                "text/plain", -1, null, -1, 0, 0, false, null, null, -1, null, 0, 0, false, 0))), true);
        AtomicInteger writes = new AtomicInteger();
        KeyValueStore counting = new ForwardingKeyValueStore(memory) {
            @Override
            public void write(WriteBatch batch, boolean durable) {
                writes.incrementAndGet();
                super.write(batch, durable);
            }
        };

        try (StreamStore store = new StreamStore(counting)) {
            assertThat(store.streamCount()).isEqualTo(1);
        }
        assertThat(writes).hasValue(0);
    }
}
