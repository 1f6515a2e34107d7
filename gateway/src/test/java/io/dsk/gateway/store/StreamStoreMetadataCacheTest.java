package io.dsk.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reads of a stream's metadata and path binding come from the store's cache once read or written,
 * and the cache holds what the engine holds: commits update it, a failed write makes it read again,
 * and a read that raced a commit does not put back what the commit replaced or removed.
 */
class StreamStoreMetadataCacheTest {

    private final List<byte[]> gets = new ArrayList<>();
    /** Runs inside the next engine read of a metadata key, after the engine answered it. */
    private Runnable duringNextMetadataRead;
    private boolean failWrites;

    private final KeyValueStore engine = new ForwardingKeyValueStore(new InMemoryKeyValueStore()) {
        @Override
        public byte[] get(byte[] key) {
            gets.add(key);
            byte[] value = super.get(key);
            if (key[0] == KeyLayout.META && duringNextMetadataRead != null) {
                Runnable hook = duringNextMetadataRead;
                duringNextMetadataRead = null;
                hook.run();
            }
            return value;
        }

        @Override
        public void write(WriteBatch batch, boolean durable) {
            if (failWrites) {
                throw new StoreException("the disk refused the write", null);
            }
            super.write(batch, durable);
        }
    };

    private final StreamStore store = new StreamStore(engine);

    @Test
    void aStreamReadOrWrittenOnceIsReadAgainWithoutTheEngine() {
        StreamMetadata created = create("a");
        gets.clear();

        assertThat(store.byPath("a")).contains(created);
        assertThat(store.byId(created.id())).contains(created);
        assertThat(gets).as("engine reads").isEmpty();

        StreamStore reopened = new StreamStore(engine);
        gets.clear();
        assertThat(reopened.byPath("a")).contains(created);
        assertThat(gets).as("engine reads of a store that never saw the stream").hasSize(2);
        gets.clear();
        assertThat(reopened.byPath("a")).contains(created);
        assertThat(gets).as("engine reads the second time").isEmpty();
    }

    @Test
    void commitsChangeWhatTheCacheHolds() {
        StreamMetadata created = create("a");
        StreamMetadata closed = created.withClosed(null);
        store.commit(store.mutation().putMetadata(closed), true);
        assertThat(store.byPath("a")).contains(closed);

        store.commit(store.mutation().unbindPath("a").dropStream(created.id()), true);
        assertThat(store.byPath("a")).isEmpty();
        assertThat(store.byId(created.id())).isEmpty();

        StreamMetadata again = create("a");
        assertThat(again.id()).isNotEqualTo(created.id());
        assertThat(store.byPath("a")).contains(again);
    }

    @Test
    void aFailedWriteLeavesTheEngineToSayWhatIsStored() {
        StreamMetadata created = create("a");
        failWrites = true;
        assertThatThrownBy(() -> store.commit(store.mutation().putMetadata(created.withClosed(null)), true))
                .isInstanceOf(StoreException.class);
        failWrites = false;
        gets.clear();

        assertThat(store.byPath("a")).contains(created);
        assertThat(gets).extracting(key -> key[0]).containsExactly(KeyLayout.META);
    }

    @Test
    void aReadThatRacedACommitDoesNotPutBackWhatTheCommitRemoved() {
        StreamMetadata created = create("a");
        StreamStore reader = new StreamStore(engine);
        // The reader reads the metadata from the engine; before it can keep it, the stream is dropped.
        duringNextMetadataRead = () -> reader.commit(reader.mutation().unbindPath("a").dropStream(created.id()), true);

        assertThat(reader.byId(created.id())).as("the read that began before the drop").contains(created);
        assertThat(reader.byId(created.id())).as("a read after the drop").isEmpty();
        assertThat(reader.byPath("a")).isEmpty();
    }

    @Test
    void aReadThatRacedACommitDoesNotPutBackWhatTheCommitReplaced() {
        StreamMetadata created = create("a");
        StreamStore reader = new StreamStore(engine);
        StreamMetadata closed = created.withClosed(null);
        duringNextMetadataRead = () -> reader.commit(reader.mutation().putMetadata(closed), true);
        reader.byId(created.id());
        // what the commit put is what is held, whatever the racing read offered
        assertThat(reader.byId(created.id())).contains(closed);
    }

    @Test
    void theCacheStartsOverWhenFullAndStillAnswers() {
        List<StreamMetadata> streams = new ArrayList<>();
        for (int i = 0; i <= MetadataCache.MAX_ENTRIES; i++) {
            streams.add(create("s" + i));
        }
        for (StreamMetadata meta : Arrays.asList(streams.get(0), streams.get(streams.size() - 1))) {
            assertThat(store.byPath(meta.path())).contains(meta);
        }
    }

    private StreamMetadata create(String path) {
        long id = store.newStreamId();
        StreamMetadata meta = new StreamMetadata(id, path, "text/plain", -1, null, -1, 0, 0, false, null, null, -1,
                null, 0, 0, false);
        store.commit(store.mutation().putNewStream(meta).bindPath(path, id), true);
        return meta;
    }
}
