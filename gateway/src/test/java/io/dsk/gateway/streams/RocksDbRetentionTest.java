package io.dsk.gateway.streams;

import io.dsk.gateway.store.KeyValueStore;
import io.dsk.gateway.store.RocksDbKeyValueStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class RocksDbRetentionTest extends RetentionContract {

    @TempDir
    Path dir;

    @Override
    protected KeyValueStore engine() throws Exception {
        return RocksDbKeyValueStore.open(dir);
    }
}
