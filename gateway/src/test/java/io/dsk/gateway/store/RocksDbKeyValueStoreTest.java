package io.dsk.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksDbKeyValueStoreTest extends KeyValueStoreContract {

    @TempDir
    Path dir;

    @Override
    protected KeyValueStore open() throws Exception {
        return RocksDbKeyValueStore.open(dir.resolve("db"));
    }

    @Test
    void acknowledgedWritesSurviveReopening(@TempDir Path other) throws Exception {
        try (RocksDbKeyValueStore first = RocksDbKeyValueStore.open(other)) {
            first.write(new WriteBatch().put(b("k"), b("v")), true);
        }
        try (RocksDbKeyValueStore second = RocksDbKeyValueStore.open(other)) {
            assertThat(second.get(b("k"))).isEqualTo(b("v"));
        }
    }

    @Test
    void theMemtableStartsEachStreamsInsertWhereItsLastKeyWent(@TempDir Path other) throws Exception {
        try (RocksDbKeyValueStore store = RocksDbKeyValueStore.open(other)) {
            store.write(new WriteBatch().put(KeyLayout.data(7, 0), b("v")), true);
        }
        assertThat(optionsFile(other)).contains("memtable_insert_with_hint_prefix_extractor=rocksdb.FixedPrefix."
                + KeyLayout.STREAM_PREFIX_LENGTH);
    }

    /** The options RocksDB recorded in the data dir, as it applied them. */
    private static String optionsFile(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            Path newest = files.filter(f -> f.getFileName().toString().startsWith("OPTIONS-"))
                    .max(Path::compareTo).orElseThrow();
            return Files.readString(newest);
        }
    }
}
