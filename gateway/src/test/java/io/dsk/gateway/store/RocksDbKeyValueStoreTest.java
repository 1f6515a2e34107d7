package io.dsk.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
}
